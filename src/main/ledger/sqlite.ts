import Database from 'better-sqlite3';
import { registerPersonSearch } from '../persons/search';

/**
 * Every SQLite connection of the app goes through here, so that under Electron all of them —
 * the main connection and those opened by worker threads — load the better-sqlite3 build made
 * for Electron's ABI. The Electron glue puts its path in LEDGER_NATIVE_BINDING (worker threads
 * inherit the environment); under plain Node (tests, CLI, web host) it is unset and
 * node_modules' own build is used. Every connection also gets the SQL functions the ledger's
 * triggers call.
 */
export function openDatabase(path: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = options.nativeBinding ?? process.env.LEDGER_NATIVE_BINDING;
  const db = new Database(path, nativeBinding ? { ...options, nativeBinding } : options);
  // The person_search triggers call it (migration 0006): every connection that may write persons.
  registerPersonSearch(db);
  return db;
}
