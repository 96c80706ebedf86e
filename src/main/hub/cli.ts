// `ledger serve` and `ledger users …` (docs/hub.md "Commands"): the office hub from the command
// line, and its accounts.
import { isIP } from 'node:net';
import { MIN_PASSWORD_LENGTH, ROLES, type Role } from '../../shared/api/hub.contract';
import { LedgerError } from '../../shared/errors';
import { messages } from '../../shared/i18n';
import { createSession } from '../api/session';
import { appVersion } from '../app-version';
import { cliLanguage } from '../cli/language';
import { canPrompt, promptHidden } from '../cli/prompt';
import { optionValue, UsageError, type CliCommand, type CliIo, type ParsedArgs } from '../cli/types';
import { currentClerk } from '../settings/settings';
import { accountName, addUser, hasEnabledAdmin, listUsers, setUserDisabled, setUserPassword } from './accounts';
import { listenHub, sharingFailure } from './listener';

const out = (io: CliIo, line: string) => io.stdout.write(line + '\n');

/** ADDRESS:PORT (IPv6 in brackets) → host and port; UsageError when it is not one. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!host || !Number.isInteger(port) || port > 65535 || (match?.[1] !== undefined && isIP(host) !== 6)) {
    throw new UsageError(`--listen needs ADDRESS:PORT (e.g. 0.0.0.0:8443), got ${text}`);
  }
  return { host, port };
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The new password: LEDGER_NEW_PASSWORD, else asked twice on a terminal, else a usage error. */
async function newPassword(io: CliIo, name: string): Promise<string> {
  const fromEnv = io.env.LEDGER_NEW_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!canPrompt()) throw new UsageError('users: set LEDGER_NEW_PASSWORD, or run on a terminal to be asked for the password');
  const first = await promptHidden(`New password for ${name} (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const second = await promptHidden('The same password again: ');
  if (first !== second) throw new UsageError('users: the two passwords differ; nothing was changed');
  return first;
}

const USERS_ACTIONS = ['add', 'list', 'disable', 'enable', 'passwd'] as const;

function validateUsers(args: ParsedArgs): void {
  const [action, name] = args.positionals as [string, string | undefined];
  if (!(USERS_ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`users: unknown action ${action} (add, list, disable, enable, passwd)`);
  }
  if (action === 'list' ? name !== undefined : name === undefined) {
    throw new UsageError(action === 'list' ? 'users list takes no name' : `users ${action} needs an account NAME`);
  }
  const role = optionValue(args, '--role');
  if (action === 'add' && !(ROLES as readonly string[]).includes(role ?? '')) {
    throw new UsageError('users add needs --role admin, clerk or readonly');
  }
  if (action !== 'add' && role !== undefined) throw new UsageError('--role is only for users add');
  if (action !== 'list' && args.flags.has('--json')) throw new UsageError('--json is only for users list');
}

export const hubCommands: readonly CliCommand[] = [
  {
    name: 'serve',
    usage: `  serve --listen ADDRESS:PORT [--name HOST ...]
                                share the ledger on the office network over HTTPS until Ctrl+C
                                (0.0.0.0:8443: every address of this PC); prints the addresses and
                                the certificate's fingerprint clerks confirm`,
    positionals: { min: 0, max: 0 },
    flags: [],
    options: ['--listen'],
    multiValueOptions: ['--name'],
    validate(args) {
      const listen = optionValue(args, '--listen');
      if (listen === undefined) throw new UsageError('serve needs --listen ADDRESS:PORT');
      parseListen(listen);
    },
    async run(args, ledger, io) {
      const listen = parseListen(optionValue(args, '--listen')!);
      const session = createSession({ ledger, appVersion: appVersion() });
      try {
        const hub = await listenHub({ session, listen, names: args.options.get('--name') ?? [] }).catch((error: unknown) => {
          throw sharingFailure(error, listen.port);
        });
        out(io, `Placement Ledger hub — ledger: ${ledger.path}`);
        for (const address of hub.addresses) out(io, `address: https://${address}`);
        out(io, `certificate fingerprint: ${hub.fingerprint}`);
        if (!hasEnabledAdmin(ledger.db)) out(io, messages[cliLanguage(io.env)].hub.serve.noAdmin);
        out(io, 'serving; stop with Ctrl+C');
        const signal = await untilStopped();
        await hub.close();
        out(io, `stopped (${signal})`);
        return 0;
      } finally {
        session.close();
      }
    },
  },
  {
    name: 'users',
    usage: `  users add NAME --role admin|clerk|readonly
                                add an account to sign in to the hub (password: env
                                LEDGER_NEW_PASSWORD, else asked on the terminal)
  users list [--json] | users disable NAME | users enable NAME | users passwd NAME
                                the hub's accounts; disabling or a new password signs the account out`,
    positionals: { min: 1, max: 2 },
    flags: ['--json'],
    options: ['--role'],
    validate: validateUsers,
    async run(args, ledger, io) {
      const { db } = ledger;
      const [action, name] = args.positionals as [(typeof USERS_ACTIONS)[number], string];
      const actor = currentClerk(db);
      const show = (entry: { name: string; role: Role; disabled: boolean; lastLoginAt: string | null }) =>
        `${entry.name}\t${entry.role}${entry.disabled ? '\tdisabled' : ''}${entry.lastLoginAt ? `\tlast sign-in ${entry.lastLoginAt}` : ''}`;
      switch (action) {
        case 'list': {
          const users = listUsers(db);
          if (args.flags.has('--json')) out(io, JSON.stringify(users));
          else if (users.length === 0) out(io, '(no accounts)');
          else for (const user of users) out(io, show(user));
          return 0;
        }
        case 'add':
          out(
            io,
            `added ${show(await addUser(db, actor, { name, role: optionValue(args, '--role') as Role, password: await newPassword(io, name) }))}`,
          );
          return 0;
        case 'disable':
        case 'enable':
          out(io, `${action}d ${show(setUserDisabled(db, actor, name, action === 'disable'))}`);
          return 0;
        case 'passwd':
          if (!listUsers(db).some((u) => u.name === accountName(name))) {
            throw new LedgerError('user_not_found', `no account ${name}`, { name });
          }
          out(io, `new password for ${show(await setUserPassword(db, actor, name, await newPassword(io, name)))}`);
          return 0;
      }
    },
  },
];
