// The ledger from the command line: `npm run -s ledger -- <command> [--db PATH]`.
// The same services the app uses; no Electron. Commands live by feature (cli/core-commands.ts,
// import/cli.ts, export/cli.ts …); this file parses, opens the ledger and reports errors.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../../shared/errors';
import { errorSentence } from '../../shared/i18n';
import { coreCommands } from './core-commands';
import { UsageError, type CliCommand, type CliIo, type ParsedArgs } from './types';
import { cliLanguage } from './language';
import { localApi, localOnly, remoteApi, takeRemoteOptions, type RemoteTarget } from './remote';
import { backupCommands } from '../backup/cli';
import { exportCommands } from '../export/cli';
import { reportCommands } from '../figures/report-cli';
import { importCommands } from '../import/cli';
import { allocationCommands } from '../allocation/cli';
import { hubCommands } from '../hub/cli';
import { LEDGER_FILE_NAME, userDataDir } from '../ledger/location';
import { DEFAULT_BUSY_TIMEOUT_MS, ledgerErrorFrom, openLedger, type Ledger } from '../ledger/open';

export type { CliIo } from './types';

const COMMANDS: readonly CliCommand[] = [
  ...coreCommands,
  ...importCommands,
  ...exportCommands,
  ...backupCommands,
  ...reportCommands,
  ...allocationCommands,
  ...hubCommands,
];

export const USAGE = `Usage: npm run -s ledger -- <command> [options]

Commands:
${COMMANDS.map((c) => c.usage).join('\n')}

Options:
  --db PATH                     the ledger file (default: env LEDGER_DB, else the app's own ledger)
  --remote https://HOST:PORT    work on an office hub instead (stats, check, report, allocate,
                                undo, import, export); account from LEDGER_USER and
                                LEDGER_PASSWORD (or asked on a terminal)
  --fingerprint SHA256:…        the hub's certificate as shown on the hub (pinned for next time)
  --help                        this text

Exit codes: 0 success, 1 the ledger has a problem or refused the command, 2 bad usage
(import and export say more in their own lines above).
`;

export function parseArgs(argv: readonly string[]): ParsedArgs | 'help' {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return 'help';
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command || name === undefined) throw new UsageError(`unknown command: ${name ?? ''}`);
  const parsed: ParsedArgs = { command: name, positionals: [], flags: new Set(), options: new Map(), db: undefined };
  const add = (option: string, value: string) => parsed.options.set(option, [...(parsed.options.get(option) ?? []), value]);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const option = eq > 0 ? arg.slice(0, eq) : arg;
    const inlineValue = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (option === '--db' || command.options.includes(option)) {
      const value = inlineValue ?? rest[++i];
      if (value === undefined || value === '' || (inlineValue === undefined && value.startsWith('--'))) {
        throw new UsageError(`${option} needs a value`);
      }
      if (option === '--db') parsed.db = value;
      else add(option, value);
    } else if (command.multiValueOptions?.includes(option)) {
      if (inlineValue !== undefined) add(option, inlineValue);
      let taken = inlineValue === undefined ? 0 : 1;
      while (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--')) {
        add(option, rest[++i]!);
        taken++;
      }
      if (taken === 0) throw new UsageError(`${option} needs at least one value`);
    } else if (command.flags.includes(option) && inlineValue === undefined) {
      parsed.flags.add(option);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option for ${name}: ${arg}`);
    } else {
      parsed.positionals.push(arg);
    }
  }
  const { min, max } = command.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new UsageError(`${name} takes ${expected} argument(s), got ${parsed.positionals.length}`);
  }
  command.validate?.(parsed);
  return parsed;
}

function ledgerPathFor(args: ParsedArgs, env: NodeJS.ProcessEnv, create: boolean): string {
  if (args.db) return args.db;
  if (env.LEDGER_DB) return env.LEDGER_DB;
  if (create) mkdirSync(userDataDir(env), { recursive: true });
  return join(userDataDir(env), LEDGER_FILE_NAME);
}

/** Runs one CLI invocation; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ParsedArgs | 'help';
  let remote: RemoteTarget | null;
  try {
    const taken = takeRemoteOptions(argv);
    remote = taken.remote;
    args = parseArgs(taken.rest);
    if (args !== 'help' && remote) {
      const command = COMMANDS.find((c) => c.name === (args as ParsedArgs).command)!;
      if (!command.runApi && !command.runRemote) throw localOnly(args);
      if (args.db) throw new UsageError('--db and --remote do not go together');
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === (args as ParsedArgs).command)!;
  if (remote) return runRemote(command, args, remote, io);
  const busy = Number(io.env.LEDGER_BUSY_TIMEOUT_MS);
  const busyTimeoutMs = io.env.LEDGER_BUSY_TIMEOUT_MS && Number.isFinite(busy) && busy >= 0 ? busy : undefined;
  const create = command.createsLedger === true;
  const path = ledgerPathFor(args, io.env, create);
  let ledger: Ledger | undefined;
  let api: ReturnType<typeof localApi> | undefined;
  try {
    // Only `init` creates a ledger: a mistyped --db never leaves an empty one behind.
    ledger = openLedger(path, { create, ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }) });
    if (command.runApi) {
      api = localApi(ledger);
      return await command.runApi(args, api.api, io);
    }
    return await command.run!(args, ledger, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    const mapped = ledgerErrorFrom(error, ledger?.path ?? path, ledger?.busyTimeoutMs ?? busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    if (mapped instanceof LedgerError) {
      io.stderr.write(errorSentence(mapped.toData(), cliLanguage(io.env)) + '\n');
      return 1;
    }
    throw error;
  } finally {
    api?.close();
    ledger?.close();
  }
}

/** A command on an office hub: the same contract calls, sent there. */
async function runRemote(command: CliCommand, args: ParsedArgs, target: RemoteTarget, io: CliIo): Promise<number> {
  let connection: Awaited<ReturnType<typeof remoteApi>> | undefined;
  try {
    connection = await remoteApi(target, io);
    return await (command.runApi ?? command.runRemote)!(args, connection.api, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof LedgerError) {
      io.stderr.write(errorSentence(error.toData(), cliLanguage(io.env)) + '\n');
      return 1;
    }
    throw error;
  } finally {
    await connection?.close();
  }
}

/**
 * When whoever reads our output goes away (`ledger dump persons | head -1`), stop quietly: an
 * EPIPE on stdout ends the process with the exit code so far, without a stack. Nothing is lost
 * by it: commands print after their work is done, and a write in progress is one SQLite
 * transaction that an ended process leaves before or after, never between.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    else throw error;
  });
}

if (require.main === module) {
  endQuietlyOnClosedPipe(process.stdout);
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
