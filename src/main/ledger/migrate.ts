import type Database from 'better-sqlite3';
import type { Migration, MigrationContext } from './migration-types';

/** Creates the bookkeeping table the runner records each applied migration in. */
function ensureMigrationsTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
}

export function migrationLevel(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the ledger's level (up to `target`), each in its own
 * IMMEDIATE transaction together with its record in schema_migrations and user_version — so a
 * crash leaves the ledger at the level before or after that migration, never between.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  context: Omit<MigrationContext, 'now'>,
  target: number = migrations.length,
  onApplied?: (version: number) => void,
): number[] {
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version > target) break;
    const run = db.transaction(() => {
      // Read inside the write transaction: another process may have migrated meanwhile.
      if (migrationLevel(db) >= migration.version) return false;
      ensureMigrationsTable(db);
      const now = new Date().toISOString();
      migration.up(db, { ...context, now });
      if (migration.foreignKeysOff) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${migration.version}: ${broken.length} rows point to missing records`);
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (migrationLevel(db) >= migration.version) continue;
    // foreign_keys cannot change inside a transaction: set it around the migration's own.
    const fkOff = migration.foreignKeysOff === true && !db.inTransaction && (db.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (fkOff) db.pragma('foreign_keys = OFF');
    let done: boolean;
    try {
      done = run.immediate();
    } finally {
      if (fkOff) db.pragma('foreign_keys = ON');
    }
    if (done) {
      applied.push(migration.version);
      onApplied?.(migration.version);
    }
  }
  return applied;
}
