// Setting a table's triggers aside for a bulk write that does their work as one set afterwards
// (the search index, the placements' tally). Inside the caller's transaction: a rollback or a
// killed process brings the triggers back with everything else.
import type Database from 'better-sqlite3';

/** Drops the named triggers that exist; returns how to put them back exactly as they were. */
export function setAsideTriggers(db: Database.Database, names: readonly string[]): () => void {
  const kept: string[] = [];
  for (const name of names) {
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined;
    if (sql === undefined) continue;
    db.exec(`DROP TRIGGER ${name}`);
    kept.push(sql);
  }
  return () => {
    for (const sql of kept) db.exec(sql);
  };
}
