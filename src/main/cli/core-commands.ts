import { LEDGER_TABLES, type LedgerTable } from '../../shared/domain';
import { backupLedger } from '../backup/backup';
import { findDuplicatePersons } from '../import/duplicates';
import { formatDateDots } from '../../shared/normalize';
import { dumpTable, type DumpFormat } from '../dump/dump';
import { ledgerStats } from '../info/info';
import { optionValue, UsageError, type CliCommand } from './types';

const out = (io: { stdout: { write(chunk: string): boolean } }, line: string) => io.stdout.write(line + '\n');

export const coreCommands: readonly CliCommand[] = [
  {
    name: 'init',
    usage: '  init                          create (or migrate) the ledger',
    positionals: { min: 0, max: 0 },
    flags: [],
    options: [],
    createsLedger: true,
    async run(_args, ledger, io) {
      const stats = ledgerStats(ledger.db);
      out(io, `ledger ready: ${ledger.path} (migration level ${stats.migrationLevel}, ${stats.counts.regions} regions)`);
      return 0;
    },
  },
  {
    name: 'stats',
    usage: '  stats [--json]                row counts per table and the migration level',
    positionals: { min: 0, max: 0 },
    flags: ['--json'],
    options: [],
    // getInfo: the same on this PC's ledger and on a hub (--remote).
    async runApi(args, api, io) {
      const info = await api.call('getInfo', {});
      if (args.flags.has('--json')) {
        out(io, JSON.stringify({ path: info.ledgerPath, migrationLevel: info.migrationLevel, counts: info.counts }));
        return 0;
      }
      out(io, api.hub ? `ledger: ${info.ledgerPath} on the hub ${api.hub}` : `ledger: ${info.ledgerPath}`);
      out(io, `migration level: ${info.migrationLevel}`);
      const width = Math.max(...Object.keys(info.counts).map((k) => k.length));
      for (const [table, count] of Object.entries(info.counts)) {
        out(io, `  ${table.padEnd(width)}  ${count.toLocaleString('en-US').padStart(12)}`);
      }
      return 0;
    },
  },
  {
    name: 'check',
    usage:
      '  check [--json]                integrity, foreign keys and ledger invariants (exit 1 on any problem);\n                                lists possible duplicate persons (same name and birth date under\n                                two service numbers) without failing',
    positionals: { min: 0, max: 0 },
    flags: ['--json'],
    options: [],
    // checkLedger: the same on this PC's ledger and on a hub; the possible duplicates (a query,
    // no call of the contract) only on this PC's.
    async runApi(args, api, io) {
      const report = await api.call('checkLedger', {});
      const where = api.ledger?.path ?? `the hub ${api.hub}`;
      // Persons who may be one person under two service numbers: for the clerk to look at, not
      // damage (two people may share a name and a birthday), so they do not fail the check.
      const possibleDuplicates =
        api.ledger === null || report.problems.some((p) => p.code === 'integrity_check')
          ? { total: 0, pairs: [] }
          : findDuplicatePersons(api.ledger.db);
      if (args.flags.has('--json')) out(io, JSON.stringify({ ...report, possibleDuplicates }));
      else {
        if (report.ok) out(io, `ok: ${where} passed integrity, foreign key and ledger checks`);
        else for (const p of report.problems) io.stderr.write(`problem [${p.code}]: ${p.message}\n`);
        for (const { a, b } of possibleDuplicates.pairs) {
          out(
            io,
            `possible duplicate person: ${a.serviceNo} ${a.name} and ${b.serviceNo} ${b.name}, both born ${formatDateDots(a.birthDate)}`,
          );
        }
        if (possibleDuplicates.total > possibleDuplicates.pairs.length)
          out(io, `… ${possibleDuplicates.total - possibleDuplicates.pairs.length} more possible duplicate pairs`);
      }
      return report.ok ? 0 : 1;
    },
  },
  {
    name: 'backup',
    usage: '  backup OUT [--force]          consistent online copy of the ledger, verified before it is kept',
    positionals: { min: 1, max: 1 },
    flags: ['--force'],
    options: [],
    async run(args, ledger, io) {
      const result = await backupLedger(ledger, args.positionals[0]!, { overwrite: args.flags.has('--force') });
      out(
        io,
        `backup written and verified: ${result.path} (${result.bytes.toLocaleString('en-US')} bytes, level ${result.migrationLevel})`,
      );
      return 0;
    },
  },
  {
    name: 'dump',
    usage: `  dump TABLE [--format jsonl|csv]
                                write a table to stdout; TABLE is one of:
                                ${LEDGER_TABLES.join(', ')}`,
    positionals: { min: 1, max: 1 },
    flags: [],
    options: ['--format'],
    validate(args) {
      const table = args.positionals[0]!;
      const format = optionValue(args, '--format') ?? 'jsonl';
      if (!(LEDGER_TABLES as readonly string[]).includes(table)) throw new UsageError(`unknown table: ${table}`);
      if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`unknown format: ${format} (jsonl or csv)`);
    },
    async run(args, ledger, io) {
      await dumpTable(ledger.db, args.positionals[0] as LedgerTable, (optionValue(args, '--format') ?? 'jsonl') as DumpFormat, io.stdout);
      return 0;
    },
  },
];
