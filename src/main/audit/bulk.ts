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

/** One foreign key: `from` of the child table refers to `to` of `parent`. */
interface ForeignKey {
  child: string;
  from: string;
  parent: string;
  to: string;
}

/** The column a key without one names refers to: the parent's primary key (its rowid when that is an INTEGER PRIMARY KEY). */
function primaryKeyOf(db: Database.Database, table: string): string {
  const keys = db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0').pluck().all(table) as string[];
  return keys.length === 1 ? keys[0]! : 'rowid';
}

function foreignKeysOf(db: Database.Database, child: string): ForeignKey[] {
  const rows = db.prepare(`SELECT "table", "from", "to", seq FROM pragma_foreign_key_list(?)`).all(child) as {
    table: string;
    from: string;
    to: string | null;
    seq: number;
  }[];
  if (rows.some((r) => r.seq > 0)) throw new Error(`${child}: a foreign key of several columns, which a big undo does not check`);
  return rows.map((r) => ({ child, from: r.from, parent: r.table, to: r.to ?? primaryKeyOf(db, r.table) }));
}

/** The foreign keys that refer to `parent`, from every table of the ledger. */
function foreignKeysTo(db: Database.Database, parent: string): ForeignKey[] {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return tables.flatMap((t) => foreignKeysOf(db, t).filter((fk) => fk.parent === parent));
}

/** Adds `id` to the set kept for `table`. */
function note(sets: Map<string, Set<number>>, table: string, id: number): void {
  let ids = sets.get(table);
  if (!ids) sets.set(table, (ids = new Set()));
  ids.add(id);
}

/** A condition on a table's ids: one of `ids` (as one JSON parameter, however many). */
const oneOf = (column: string, ids: Set<number>) => ({
  sql: `${column} IN (SELECT value FROM json_each(?))`,
  params: [JSON.stringify([...ids])],
});

/**
 * The foreign keys a big undo checks itself, as sets. SQLite's own check looks up, for every
 * row a delete takes out, whether anything still refers to it — half of taking a million persons
 * out — and it keeps a DELETE of every row from emptying the table in one step. So for a big undo
 * (whenBig in undo.ts) the connection's enforcement is off, from before the transaction (it
 * cannot change inside one) to after it, and the replay tells this watch what it wrote: before
 * the commit, verify() refuses, and so rolls back, anything SQLite would have refused — a row that
 * refers to one missing, a row taken out that something still refers to. Rows named one by one
 * are checked together, one query per key and table.
 */
export class ForeignKeyWatch {
  private readonly written: { table: string; where: string; params: readonly unknown[] }[] = [];
  private readonly writtenIds = new Map<string, Set<number>>();
  private readonly deleted: { table: string; where: (column: string) => { sql: string; params: readonly unknown[] } }[] = [];
  private readonly deletedIds = new Map<string, Set<number>>();

  /** Rows of `table` that `where` (a condition on its columns, with `params`) selects were inserted or changed. */
  wrote(table: string, where: string, params: readonly unknown[]): void {
    this.written.push({ table, where, params });
  }

  /** Row `id` of `table` was inserted or changed. */
  wroteRow(table: string, id: number): void {
    note(this.writtenIds, table, id);
  }

  /** Rows first…last of `table` (by id) were taken out. */
  tookOut(table: string, first: number, last: number): void {
    this.deleted.push({ table, where: (column) => ({ sql: `${column} BETWEEN ? AND ?`, params: [first, last] }) });
  }

  /** Row `id` of `table` was taken out. */
  tookOutRow(table: string, id: number): void {
    note(this.deletedIds, table, id);
  }

  /** Throws what `refuse` makes, naming the table, when a row written or taken out breaks a foreign key. */
  verify(db: Database.Database, refuse: (why: string) => Error): void {
    const written = [...this.written];
    for (const [table, ids] of this.writtenIds) {
      const where = oneOf('id', ids);
      written.push({ table, where: where.sql, params: where.params });
    }
    for (const w of written) {
      for (const fk of foreignKeysOf(db, w.table)) {
        const broken = db
          .prepare(
            `SELECT t.rowid FROM "${fk.child}" AS t WHERE (${w.where}) AND t."${fk.from}" IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM "${fk.parent}" AS p WHERE p."${fk.to}" = t."${fk.from}") LIMIT 1`,
          )
          .pluck()
          .get(...w.params) as number | undefined;
        if (broken !== undefined) throw refuse(`${fk.child} ${broken} refers to a ${fk.parent} that is gone (${fk.from})`);
      }
    }
    const deleted = [...this.deleted];
    for (const [table, ids] of this.deletedIds) deleted.push({ table, where: (column) => oneOf(column, ids) });
    // A key that cascades (an allocation run's rows, a hub account's sessions) refers to no
    // table an undo writes: what refers to a row taken out is refused, as SQLite would.
    for (const d of deleted) {
      for (const fk of foreignKeysTo(db, d.table)) {
        const where = d.where(`t."${fk.from}"`);
        const orphan = db
          .prepare(
            `SELECT t.rowid FROM "${fk.child}" AS t WHERE ${where.sql}
               AND NOT EXISTS (SELECT 1 FROM "${fk.parent}" AS p WHERE p."${fk.to}" = t."${fk.from}") LIMIT 1`,
          )
          .pluck()
          .get(...where.params) as number | undefined;
        if (orphan !== undefined) throw refuse(`${d.table} rows are still referred to by ${fk.child} ${orphan}`);
      }
    }
  }
}

const watches = new WeakMap<Database.Database, ForeignKeyWatch>();

/** The watch of the big undo running on `db`, or null: SQLite checks the foreign keys itself. */
export function foreignKeyWatch(db: Database.Database): ForeignKeyWatch | null {
  return watches.get(db) ?? null;
}

/**
 * Runs `write` — one whole transaction that ends by calling the watch's verify() — with the
 * connection's foreign-key enforcement off and a watch in its place (see ForeignKeyWatch). On a
 * connection already in a transaction (the hub's group commit), or with enforcement already off,
 * just runs it: SQLite checks as ever.
 */
export function withForeignKeyWatch<T>(db: Database.Database, write: () => T): T {
  if (db.inTransaction || (db.pragma('foreign_keys', { simple: true }) as number) !== 1) return write();
  db.pragma('foreign_keys = OFF');
  watches.set(db, new ForeignKeyWatch());
  let result: T;
  try {
    result = write();
  } catch (error) {
    watches.delete(db);
    restoreEnforcement(db, error);
    throw error;
  }
  watches.delete(db);
  restoreEnforcement(db);
  return result;
}

/**
 * Puts the connection's foreign-key enforcement back. The pragma is ignored inside a
 * transaction: should the failed transaction's own rollback have failed too (a full disk, an
 * I/O error), it is rolled back here first — never does the connection go on without its checks.
 */
function restoreEnforcement(db: Database.Database, cause?: unknown): void {
  if (db.inTransaction) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // Nothing left to roll back, or the file refuses: the check below says which.
    }
  }
  db.pragma('foreign_keys = ON');
  if ((db.pragma('foreign_keys', { simple: true }) as number) !== 1) {
    throw new Error('foreign-key enforcement could not be restored on this connection', { cause });
  }
}
