import type { CliCommand } from '../cli/types';
import { listBackups } from './backups';
import { restoreBackup } from './restore';

const out = (io: { stdout: { write(chunk: string): boolean } }, line: string) => io.stdout.write(line + '\n');

export const backupCommands: readonly CliCommand[] = [
  {
    name: 'restore',
    usage: '  restore BACKUP                bring a backup back: checked first, the ledger kept as a backup (exit 1: refused)',
    positionals: { min: 1, max: 1 },
    flags: [],
    options: [],
    async run(args, ledger, io) {
      const result = await restoreBackup(ledger, args.positionals[0]!);
      const migrated = result.migratedFrom === null ? '' : `, migrated from level ${result.migratedFrom}`;
      out(
        io,
        `restored ${result.restored} (${result.persons.toLocaleString('en-US')} persons${migrated}); the ledger as it was is kept in ${result.keptAs}`,
      );
      return 0;
    },
  },
  {
    name: 'backups',
    usage: '  backups [--json]              the automatic backups beside the ledger, newest first',
    positionals: { min: 0, max: 0 },
    flags: ['--json'],
    options: [],
    async run(args, ledger, io) {
      const list = await listBackups(ledger.path);
      if (args.flags.has('--json')) {
        out(io, JSON.stringify(list));
        return 0;
      }
      out(io, `backups of ${ledger.path} in ${list.folder}:`);
      if (list.backups.length === 0) out(io, '  (none)');
      for (const b of list.backups) {
        out(
          io,
          `  ${b.madeAt}  before ${b.reason.padEnd(10)} ${String(b.bytes).padStart(12)} bytes  ${b.persons === null ? 'unreadable' : `${b.persons} persons`}  ${b.name}`,
        );
      }
      return 0;
    },
  },
];
