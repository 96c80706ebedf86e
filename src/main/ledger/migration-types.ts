import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3 …: applied in order, each once, each in its own transaction. */
  version: number;
  /** Short kebab-case name, also the file name after the number. */
  name: string;
  up(db: Database.Database, context: MigrationContext): void;
  /**
   * Rebuilds a table others point to: run with foreign keys off (SQLite's documented way), and
   * every foreign key checked before the migration's transaction commits.
   */
  foreignKeysOff?: boolean;
}

export interface MigrationContext {
  /** The folder with shipped reference data (regions). */
  resourcesDir: string;
  now: string;
}
