// A process that takes back or brings back an operation on a ledger file and exits, for tests
// that kill it midway: `node -r tsx/cjs test/helpers/replay-child.ts PATH import ID | undo | redo`.
// It prints "writing" just before the write and "written" when it returns, so a test can aim its
// kills at the write itself rather than at the start-up around it.
import { redo, undo } from '../../src/main/audit/undo';
import { undoImport } from '../../src/main/import/undo';
import { openLedger } from '../../src/main/ledger/open';

const [path, task, id] = process.argv.slice(2);
const ledger = openLedger(path!, { create: false });
try {
  process.stdout.write('writing\n');
  if (task === 'import') undoImport(ledger.db, Number(id), '김영호');
  else if (task === 'undo') undo(ledger.db, '김영호');
  else if (task === 'redo') redo(ledger.db, '김영호');
  else throw new Error(`unknown task ${task}`);
  process.stdout.write('written\n');
} finally {
  ledger.close();
}
