// The ledger from the command line: `npm run -s ledger -- <command> [--db PATH]`.
// The same services the app uses; no Electron.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_TABLES, type LedgerTable } from '../shared/domain';
import { LedgerError } from '../shared/errors';
import { errorSentence } from '../shared/i18n';
import { backupLedger } from './backup/backup';
import { checkLedger } from './check/check';
import { cliLanguage } from './cli-language';
import { dumpTable, type DumpFormat, type DumpSink } from './dump/dump';
import { ledgerStats } from './info/info';
import { LEDGER_FILE_NAME, userDataDir } from './ledger/location';
import { DEFAULT_BUSY_TIMEOUT_MS, ledgerErrorFrom, openLedger, type Ledger } from './ledger/open';

export const USAGE = `Usage: npm run -s ledger -- <command> [options]

Commands:
  init                          create (or migrate) the ledger
  stats [--json]                row counts per table and the migration level
  check                         integrity, foreign keys and ledger invariants (exit 1 on any problem)
  backup OUT [--force]          consistent online copy of the ledger, verified before it is kept
  dump TABLE [--format jsonl|csv]
                                write a table to stdout; TABLE is one of:
                                ${LEDGER_TABLES.join(', ')}

Options:
  --db PATH                     the ledger file (default: env LEDGER_DB, else the app's own ledger)
  --help                        this text

Exit codes: 0 success, 1 the ledger has a problem or refused the command, 2 bad usage.
`;

export interface CliIo {
  stdout: DumpSink & { write(chunk: string): boolean };
  stderr: { write(chunk: string): boolean };
  env: NodeJS.ProcessEnv;
}

interface CommandSpec {
  positionals: number;
  flags: readonly string[];
  options: readonly string[];
}

const COMMANDS: Record<string, CommandSpec> = {
  init: { positionals: 0, flags: [], options: [] },
  stats: { positionals: 0, flags: ['--json'], options: [] },
  check: { positionals: 0, flags: ['--json'], options: [] },
  backup: { positionals: 1, flags: ['--force'], options: [] },
  dump: { positionals: 1, flags: [], options: ['--format'] },
};

class UsageError extends Error {}

interface ParsedArgs {
  command: string;
  positionals: string[];
  flags: Set<string>;
  options: Map<string, string>;
  db: string | undefined;
}

export function parseArgs(argv: readonly string[]): ParsedArgs | 'help' {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return 'help';
  const [command, ...rest] = argv;
  const spec = command === undefined ? undefined : COMMANDS[command];
  if (!spec || command === undefined) throw new UsageError(`unknown command: ${command ?? ''}`);
  const parsed: ParsedArgs = { command, positionals: [], flags: new Set(), options: new Map(), db: undefined };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [name, inlineValue] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--db' || spec.options.includes(name)) {
      const value = inlineValue ?? rest[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      if (name === '--db') parsed.db = value;
      else parsed.options.set(name, value);
    } else if (spec.flags.includes(name) && inlineValue === undefined) {
      parsed.flags.add(name);
    } else if (name.startsWith('-')) {
      throw new UsageError(`unknown option for ${command}: ${arg}`);
    } else {
      parsed.positionals.push(arg);
    }
  }
  if (parsed.positionals.length !== spec.positionals) {
    throw new UsageError(`${command} takes ${spec.positionals} argument(s), got ${parsed.positionals.length}`);
  }
  if (command === 'dump') {
    const table = parsed.positionals[0]!;
    const format = parsed.options.get('--format') ?? 'jsonl';
    if (!(LEDGER_TABLES as readonly string[]).includes(table)) throw new UsageError(`unknown table: ${table}`);
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`unknown format: ${format} (jsonl or csv)`);
  }
  return parsed;
}

function ledgerPathFor(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  if (args.db) return args.db;
  if (env.LEDGER_DB) return env.LEDGER_DB;
  mkdirSync(userDataDir(env), { recursive: true });
  return join(userDataDir(env), LEDGER_FILE_NAME);
}

async function runCommand(args: ParsedArgs, ledger: Ledger, io: CliIo): Promise<number> {
  const out = (line: string) => io.stdout.write(line + '\n');
  switch (args.command) {
    case 'init': {
      const stats = ledgerStats(ledger.db);
      out(`ledger ready: ${ledger.path} (migration level ${stats.migrationLevel}, ${stats.counts.regions} regions)`);
      return 0;
    }
    case 'stats': {
      const stats = ledgerStats(ledger.db);
      if (args.flags.has('--json')) {
        out(JSON.stringify({ path: ledger.path, migrationLevel: stats.migrationLevel, counts: stats.counts }));
      } else {
        out(`ledger: ${ledger.path}`);
        out(`migration level: ${stats.migrationLevel}`);
        const width = Math.max(...Object.keys(stats.counts).map((k) => k.length));
        for (const [table, count] of Object.entries(stats.counts)) out(`  ${table.padEnd(width)}  ${count.toLocaleString('en-US').padStart(12)}`);
      }
      return 0;
    }
    case 'check': {
      const report = checkLedger(ledger.db);
      if (args.flags.has('--json')) out(JSON.stringify(report));
      else if (report.ok) out(`ok: ${ledger.path} passed integrity, foreign key and ledger checks`);
      else for (const p of report.problems) io.stderr.write(`problem [${p.code}]: ${p.message}\n`);
      return report.ok ? 0 : 1;
    }
    case 'backup': {
      const result = await backupLedger(ledger, args.positionals[0]!, { overwrite: args.flags.has('--force') });
      out(`backup written and verified: ${result.path} (${result.bytes.toLocaleString('en-US')} bytes, level ${result.migrationLevel})`);
      return 0;
    }
    case 'dump': {
      const table = args.positionals[0] as LedgerTable;
      const format = (args.options.get('--format') ?? 'jsonl') as DumpFormat;
      await dumpTable(ledger.db, table, format, io.stdout);
      return 0;
    }
    default:
      throw new UsageError(`unknown command: ${args.command}`);
  }
}

/** Runs one CLI invocation; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ParsedArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  let ledger: Ledger | undefined;
  const busy = Number(io.env.LEDGER_BUSY_TIMEOUT_MS);
  const busyTimeoutMs = io.env.LEDGER_BUSY_TIMEOUT_MS && Number.isFinite(busy) && busy >= 0 ? busy : undefined;
  const path = ledgerPathFor(args, io.env);
  try {
    ledger = openLedger(path, busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
    return await runCommand(args, ledger, io);
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
    ledger?.close();
  }
}

if (require.main === module) {
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
