// Set-wise changes of many rows of one table, for an undo or a redo of a big operation (an
// import of a million persons taken back or brought back): what makes them slow is not the rows
// but keeping each index in step row by row. Everything here runs inside the caller's
// transaction, so a rollback or a killed process brings back every index dropped meanwhile.
import type Database from 'better-sqlite3';

/** From this many rows on, an undo or a redo deletes or re-creates rows set-wise. */
export const BULK_ROWS = 5000;

/**
 * Whether `changed` rows deleted from (or inserted into) a table holding `others` rows besides
 * are better done with the table's secondary indexes dropped and built again: a build sorts the
 * rows that stay, so it pays when they are no more than the rows changed (a fresh ledger's
 * import taken back or brought back); on a big ledger the indexes are kept in step instead.
 */
export function rebuildPays(changed: number, others: number): boolean {
  return changed >= BULK_ROWS && others <= changed;
}

/**
 * Drops the secondary indexes of `table` (those made by CREATE INDEX; a UNIQUE constraint's
 * index stays) and returns how to build them again. Build them again before anything else
 * writes: a foreign key's lookup may need one of them.
 */
export function setAsideIndexes(db: Database.Database, table: string): () => void {
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
    .all(table) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  return () => {
    for (const index of indexes) db.exec(index.sql);
  };
}

/** Whether a table's rows may refer to rows of the same table (then the order they come back in matters). */
export function refersToItself(db: Database.Database, table: string): boolean {
  return (db.prepare(`PRAGMA foreign_key_list(${table})`).all() as { table: string }[]).some((fk) => fk.table === table);
}

/** The page cache (KiB) while a big undo or redo runs: the unique indexes it keeps in step want their pages in memory. */
const BULK_CACHE_KIB = 65_536;

/** Runs `write` with a larger page cache on the connection, then gives the cache back its size. */
export function withBulkCache<T>(db: Database.Database, write: () => T): T {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  try {
    return write();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}
