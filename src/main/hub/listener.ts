// The office hub (docs/hub.md): the ledger's own contract and handlers — the session's dispatch,
// as the app and the web host use — served over HTTPS to the clerks' apps and CLIs, with
// accounts, roles and the refusals of issue 15 §3. On a session: Settings → share this ledger
// (startSharing, on the app's own session); server.ts opens one for `ledger serve` and tests.
//
// One TCP port: each connection's first byte is looked at before anything is answered. A TLS
// handshake (0x16) goes on to the HTTPS server; anything else — plain HTTP — gets a plain-text
// 400 and is closed, and nothing of it reaches the ledger.
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { isApiCallName } from '../api/dispatch';
import type { SessionControl } from '../api/context';
import { appVersion } from '../app-version';
import { callAccess, mayCall } from '../../shared/api/hub.roles';
import { LedgerError, type ErrorCode, type LedgerErrorData, type Result } from '../../shared/errors';
import { ledgerErrorFrom, type Ledger } from '../ledger/open';
import { answerApiCall, readJsonBody, sendAnswer, sendEnvelope, sendText, type CallAnswer } from '../web/http-api';
import { HubSessions, type Clock } from './accounts';
import { certDirOf, loadOrCreateCertificate } from './certificate';
import { GROUPED_CALLS, GroupCommit } from './group-commit';
import { runAsClerk } from './request-clerk';

/** The wire protocol's version (docs/hub.md); /hub/hello tells it. */
export const HUB_PROTOCOL = 1;
export const HUB_APP_ID = 'placement-ledger-hub';
/** Settings → share uses this port unless the admin chooses another. */
export const DEFAULT_HUB_PORT = 8443;

export interface ListenOptions {
  /** The session served: the app's own (sharing from the desktop app: the same connection, handlers and jobs). */
  session: SessionControl;
  /** Called once the hub has stopped listening (server.ts closes a session it opened). */
  onClose?: () => void;
  /** Where to listen: '0.0.0.0' for the office network, '127.0.0.1' for this PC only; port 0 picks one. */
  listen: { host: string; port: number };
  /** Further names clerks may reach the hub by (a DNS name of the PC, say). */
  names?: string[];
  /** Where the certificate is kept (default: `<ledger>.hub/` beside the ledger). */
  certDir?: string;
  /** The hub's name in /hub/hello (default: the PC's host name). */
  hubName?: string;
  /** Milliseconds since the epoch (sessions' expiry, the throttle); tests pass their own. */
  clock?: Clock;
}

export interface Hub {
  /** The addresses clerks type, host:port. */
  addresses: string[];
  port: number;
  /** "SHA256:AB:CD:…": what clerks confirm on first connect. */
  fingerprint: string;
  certPem: string;
  readonly ledger: Ledger;
  /** How many accounts are signed in now. */
  signedIn(): number;
  close(): Promise<void>;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);
const LOOPBACKS = new Set(['127.0.0.1', 'localhost', '::1']);
/** A connection that sends nothing for this long is closed (before TLS). */
const FIRST_BYTE_TIMEOUT_MS = 10_000;
const PLAIN_HTTP_ANSWER = 'This port speaks HTTPS only: use https://.\n';

/** This PC's IPv4 addresses on the office network (not loopback). */
function officeAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}

/** HTTP status for a refusal; every other answer is 200 with its envelope (as the web host). */
const STATUS: Partial<Record<ErrorCode, number>> = {
  session_expired: 401,
  login_failed: 401,
  login_throttled: 429,
  account_disabled: 403,
  role_forbidden: 403,
  hub_call_local_only: 403,
  invalid_input: 400,
};

function refusal(error: LedgerErrorData): CallAnswer {
  return { status: STATUS[error.code] ?? 200, envelope: { ok: false, error } };
}

function failureOf(error: unknown, ledger: Ledger): LedgerErrorData {
  // A sign-in that waited too long for another process's write: ledger_busy, with its sentence.
  const mapped = ledgerErrorFrom(error, ledger.path, ledger.busyTimeoutMs);
  if (mapped instanceof LedgerError) return mapped.toData();
  console.error('[hub] request failed', error);
  return { code: 'internal', message: 'hub request failed' };
}

function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  return match?.[1];
}

const SESSION_EXPIRED: LedgerErrorData = { code: 'session_expired', message: 'missing, unknown or expired session' };

/** Why the hub could not start, as hub_sharing_failed with a reason the clerk's sentence names. */
export function sharingFailure(error: unknown, port: number): LedgerError {
  if (error instanceof LedgerError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason =
    code === 'EADDRINUSE'
      ? 'port_in_use'
      : code === 'EACCES' || code === 'EPERM'
        ? 'not_permitted'
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? 'address_unavailable'
          : typeof code === 'string' && code.startsWith('ERR_OSSL')
            ? 'certificate'
            : 'other';
  if (reason === 'other') console.error('[hub] cannot start', error);
  return new LedgerError('hub_sharing_failed', `cannot share on port ${port}: ${(error as Error).message}`, { reason, port });
}

/** Serves `options.session`; rejects when it cannot listen (or make its certificate). */
export async function listenHub(options: ListenOptions): Promise<Hub> {
  const { session } = options;
  const sockets = new Set<Socket>();
  let outer: ReturnType<typeof createNetServer> | undefined;
  try {
    const { host } = options.listen;
    const machine = hostname();
    const lan = officeAddresses();
    const wildcard = WILDCARDS.has(host);
    const loopback = wildcard || LOOPBACKS.has(host);
    const names = [
      ...(wildcard ? [] : [host]),
      machine,
      ...(wildcard || !loopback ? lan : []),
      ...(loopback ? ['localhost', '127.0.0.1'] : []),
      ...(options.names ?? []),
    ];
    const certificate = await loadOrCreateCertificate(options.certDir ?? certDirOf(session.ledger.path), names);
    const accounts = new HubSessions(() => session.ledger.db, options.clock);
    let allowedHosts = new Set<string>();

    const hello = JSON.stringify({
      app: HUB_APP_ID,
      protocol: HUB_PROTOCOL,
      hubName: options.hubName ?? machine,
      appVersion: appVersion(),
    });

    const group = new GroupCommit(() => session.ledger);
    const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      // DNS rebinding: a page of another site resolved to this PC names that site here.
      if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
        sendText(res, 421, 'Misdirected request');
        return;
      }
      const { pathname } = new URL(req.url ?? '/', 'https://hub');
      if (pathname === '/hub/hello') {
        if (req.method !== 'GET') return sendText(res, 405, 'Method not allowed');
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(hello);
        return;
      }
      if (pathname === '/hub/login') {
        if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
        const body = await readJsonBody(req, res);
        if (body === undefined) return;
        const { name, password } = (body.input ?? {}) as { name?: unknown; password?: unknown };
        if (typeof name !== 'string' || typeof password !== 'string' || name.length > 64 || password.length > 256) {
          return sendAnswer(res, refusal({ code: 'login_failed', message: 'name and password must be text' }));
        }
        try {
          const signIn = await accounts.login(name, password, req.socket.remoteAddress ?? '');
          sendEnvelope(res, 200, { ok: true, value: signIn });
        } catch (error) {
          const data = failureOf(error, session.ledger);
          if (data.code === 'login_throttled') res.setHeader('Retry-After', String(data.details?.seconds ?? 1));
          sendAnswer(res, refusal(data));
        }
        return;
      }
      if (pathname === '/hub/logout') {
        if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
        req.resume();
        const token = bearerOf(req);
        if (token !== undefined) await accounts.logout(token);
        sendEnvelope(res, 200, { ok: true, value: {} });
        return;
      }
      if (pathname.startsWith('/api/')) {
        const clerk = accounts.authenticate(bearerOf(req));
        await answerApiCall(
          req,
          res,
          pathname,
          (name) => {
            if (clerk === null) return refusal(SESSION_EXPIRED);
            if (name === null || !isApiCallName(name)) return null; // dispatch answers unknown_call
            if (callAccess[name] === 'hubPc') {
              return refusal({ code: 'hub_call_local_only', message: `${name} only at the hub PC` });
            }
            if (!mayCall(clerk.role, name)) {
              return refusal({ code: 'role_forbidden', message: `${clerk.role} may not call ${name}`, details: { role: clerk.role } });
            }
            return null;
          },
          (name, input) => {
            const run = () => runAsClerk(clerk!, () => session.dispatch(name, input)) as Result<unknown> | Promise<Result<unknown>>;
            return isApiCallName(name) && GROUPED_CALLS.has(name) ? group.submit(run) : run();
          },
        );
        return;
      }
      sendText(res, 404, 'Not found');
    };

    const https = createHttpsServer({ key: certificate.keyPem, cert: certificate.certPem, minVersion: 'TLSv1.2' }, (req, res) => {
      handle(req, res).catch((error: unknown) => {
        console.error('[hub] request failed', error);
        if (!res.headersSent) sendText(res, 500, 'Internal error');
      });
    });
    https.on('tlsClientError', () => undefined); // a client that gives up mid-handshake (a probe, a refused pin)

    outer = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
      socket.once('data', (chunk: Buffer) => {
        socket.setTimeout(0);
        socket.pause();
        socket.unshift(chunk);
        if (chunk[0] === 0x16) {
          https.emit('connection', socket);
          return;
        }
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(PLAIN_HTTP_ANSWER)}\r\nConnection: close\r\n\r\n${PLAIN_HTTP_ANSWER}`,
        );
      });
    });
    const server = outer;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.listen.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    allowedHosts = new Set(names.map((n) => `${n.toLowerCase()}:${port}`));
    const addresses = (wildcard ? (lan.length > 0 ? lan : [machine]) : [host]).map((h) => `${h}:${port}`);
    let closed: Promise<void> | undefined;
    return {
      addresses,
      port,
      fingerprint: certificate.fingerprint,
      certPem: certificate.certPem,
      get ledger() {
        return session.ledger;
      },
      signedIn: () => accounts.signedIn(),
      close: () =>
        (closed ??= new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        }).then(() => options.onClose?.())),
    };
  } catch (error) {
    for (const socket of sockets) socket.destroy();
    outer?.close();
    throw error;
  }
}
