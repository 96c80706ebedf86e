import type Database from 'better-sqlite3';
import { LEDGER_TABLES, type LedgerTable } from '../../shared/domain';
import { migrationLevel } from '../ledger/migrate';

/** Row counts of every ledger table (names are constants, never input). */
export function tableCounts(db: Database.Database): Record<LedgerTable, number> {
  const counts = {} as Record<LedgerTable, number>;
  for (const table of LEDGER_TABLES) {
    counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

export interface LedgerStats {
  migrationLevel: number;
  counts: Record<LedgerTable, number>;
}

export function ledgerStats(db: Database.Database): LedgerStats {
  return { migrationLevel: migrationLevel(db), counts: tableCounts(db) };
}
