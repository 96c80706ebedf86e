// `ledger --remote https://HOST:PORT [--fingerprint SHA256:…] <command>`: the command's contract
// calls go to an office hub (docs/hub.md). The account from LEDGER_USER / LEDGER_PASSWORD, or
// asked on a terminal (the password without echo). The certificate: --fingerprint (checked
// against the hub's, then pinned) or this PC's pin; with neither, the hub's fingerprint is printed
// and the command refused — nothing secret is sent to a hub nobody confirmed.
import type { ParsedArgs } from './types';
import { UsageError, type CliApi, type CliIo } from './types';
import { LedgerError } from '../../shared/errors';
import { createHandlers, disposeHandlers } from '../api/handlers';
import { dispatch } from '../api/dispatch';
import { appVersion } from '../app-version';
import { HubClient, normalizeFingerprint, parseHubAddress, probeHubAddress } from '../hub/client';
import { throwingCall } from '../hub/hub-call';
import { HubPins } from '../hub/pins';
import { RemoteSession } from '../hub/remote-session';
import { userDataDir } from '../ledger/location';
import type { Ledger } from '../ledger/open';

export interface RemoteTarget {
  address: string;
  fingerprint: string | null;
}

/** Takes --remote URL and --fingerprint F out of the words (anywhere); the rest is the command. */
export function takeRemoteOptions(argv: readonly string[]): { rest: string[]; remote: RemoteTarget | null } {
  const rest: string[] = [];
  let address: string | null = null;
  let fingerprint: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [option, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (option !== '--remote' && option !== '--fingerprint') {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
      throw new UsageError(`${option} needs a value`);
    if (option === '--remote') address = value;
    else fingerprint = value;
  }
  if (address === null && fingerprint !== null) throw new UsageError('--fingerprint goes with --remote');
  if (address !== null && !/^https:\/\//i.test(address.trim())) throw new UsageError(`--remote needs https://HOST:PORT, got ${address}`);
  return { rest, remote: address === null ? null : { address, fingerprint } };
}

/** The contract on this PC's ledger: the app's own handlers and dispatch. */
export function localApi(ledger: Ledger): { api: CliApi; close(): void } {
  const handlers = createHandlers({ ledger, appVersion: appVersion() });
  const call = throwingCall(async (name, input) => dispatch(handlers, ledger, name, input));
  return { api: { call, ledger, hub: null }, close: () => disposeHandlers(handlers) };
}

/** Reads a line from the terminal; `secret` turns echo off (raw mode) while typing. */
function ask(question: string, secret: boolean): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let text = '';
    const wasRaw = input.isRaw;
    if (secret) input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    const done = (error?: Error) => {
      input.off('data', onData);
      if (secret) input.setRawMode(wasRaw);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    input.on('data', onData);
  });
}

async function credentials(io: CliIo, lastName: string | null): Promise<{ name: string; password: string }> {
  let name = io.env.LEDGER_USER ?? '';
  let password = io.env.LEDGER_PASSWORD ?? '';
  const tty = process.stdin.isTTY === true;
  if (name === '' && tty) name = (await ask(lastName ? `account [${lastName}]: ` : 'account: ', false)).trim() || (lastName ?? '');
  if (password === '' && tty) password = await ask('password: ', true);
  if (name === '' || password === '') {
    throw new UsageError('--remote needs the account: set LEDGER_USER and LEDGER_PASSWORD (or run it on a terminal to be asked)');
  }
  return { name, password };
}

/**
 * Signs in on the hub over its confirmed certificate; the api's calls go through the same
 * RemoteSession as the app's (uploads and downloads included).
 */
export async function remoteApi(target: RemoteTarget, io: CliIo): Promise<{ api: CliApi; close(): Promise<void> }> {
  const { address } = parseHubAddress(target.address);
  const pins = new HubPins(userDataDir(io.env));
  const pinned = pins.get(address);
  let cert: { certPem: string; fingerprint: string };
  if (target.fingerprint !== null) {
    const probe = await probeHubAddress(address);
    if (probe.fingerprint !== normalizeFingerprint(target.fingerprint)) {
      throw new LedgerError('hub_certificate_changed', `${address} presents ${probe.fingerprint}, not ${target.fingerprint}`, { address });
    }
    cert = probe;
  } else if (pinned) {
    cert = pinned;
  } else {
    const probe = await probeHubAddress(address);
    io.stderr.write(`The hub ${address} presents the certificate ${probe.fingerprint}\n`);
    // On a terminal the clerk may confirm it against the hub's screen; it is then pinned.
    const confirmed = process.stdin.isTTY === true && /^y(es)?$/i.test((await ask('Is it the one shown on the hub? [y/N] ', false)).trim());
    if (!confirmed) throw new LedgerError('hub_certificate_unconfirmed', `no confirmed fingerprint for ${address}`, { address });
    cert = probe;
  }
  const { name, password } = await credentials(io, pinned?.lastName ?? null);
  const client = new HubClient({ address, certPem: cert.certPem, fingerprint: cert.fingerprint });
  let session: RemoteSession;
  try {
    const login = await client.login(name, password);
    session = new RemoteSession({ client, login, desktop: {}, heartbeatMs: 60_000 });
  } catch (error) {
    client.close();
    throw error;
  }
  if (!pinned || pinned.fingerprint !== cert.fingerprint || pinned.lastName !== name) {
    pins.pin(address, { fingerprint: cert.fingerprint, certPem: cert.certPem, lastName: name });
  }
  return {
    api: { call: throwingCall((n, i) => session.dispatch(n, i)), ledger: null, hub: address },
    close: () => session.close(),
  };
}

/** The refusal of a command that works only on this PC's ledger file. */
export function localOnly(args: ParsedArgs): UsageError {
  return new UsageError(`${args.command} works on this PC's ledger file only; it cannot run with --remote`);
}
