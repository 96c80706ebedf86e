// Copies the WAL into the ledger file after a big commit (see checkpoint.ts). PASSIVE: it takes no
// lock that would stop the app's own reads and writes; whatever it cannot copy now, SQLite's
// automatic checkpoint copies later.
import { workerData } from 'node:worker_threads';
import { openDatabase } from './sqlite';

const { path } = workerData as { path: string };
const db = openDatabase(path, { fileMustExist: true, timeout: 0 });
try {
  db.pragma('wal_checkpoint(PASSIVE)');
} catch {
  // Busy or gone: the next automatic checkpoint does it.
} finally {
  db.close();
}
