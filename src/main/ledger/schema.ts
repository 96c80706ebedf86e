// What the ledger's schema holds, read where a writer must know (a table a migration added, a
// search index or tally set aside by an undo).
import type Database from 'better-sqlite3';
import { prepared } from '../util/statements';

/** The SQL that made table `name` (a virtual table's too), or null when the ledger has none. */
export function tableSql(db: Database.Database, name: string): string | null {
  return (prepared(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(name) as string | undefined) ?? null;
}
