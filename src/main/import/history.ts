// Imported files (decision_files) — and imports that were undone, from their audit trail.
import type Database from 'better-sqlite3';
import type { ImportHistoryEntry, ImportKind } from '../../shared/api/import.contract';
import { TERMS, type Term } from '../../shared/domain';

interface FileRow {
  id: number;
  file_name: string;
  sha256: string;
  kind: ImportKind;
  decision_no: string | null;
  cohort_id: number | null;
  imported_at: string;
  operation_id: number | null;
  rows_valid: number;
  rows_invalid: number;
  skipped_invalid: number;
  persons_new: number;
  persons_updated: number;
  placements_new: number;
  placements_moved: number;
  sheets?: string | null;
  cohorts?: string | null;
}

function entry(db: Database.Database, row: FileRow, clerk: string | null, undone: boolean): ImportHistoryEntry {
  const cohort =
    row.cohort_id === null
      ? undefined
      : (db.prepare('SELECT year, term FROM cohorts WHERE id = ?').get(row.cohort_id) as { year: number; term: Term } | undefined);
  return {
    decisionFileId: row.id,
    fileName: row.file_name,
    sha256: row.sha256,
    kind: row.kind,
    decisionNo: row.decision_no,
    cohort: cohort ? { year: cohort.year, term: cohort.term } : null,
    cohorts: cohortsOf(row.cohorts) ?? (cohort ? [{ year: cohort.year, term: cohort.term, rows: null }] : []),
    importedAt: row.imported_at,
    operationId: row.operation_id,
    clerk,
    rowsValid: row.rows_valid,
    rowsInvalid: row.rows_invalid,
    skippedInvalid: row.skipped_invalid === 1,
    personsNew: row.persons_new,
    personsUpdated: row.persons_updated,
    placementsNew: row.placements_new,
    placementsMoved: row.placements_moved,
    sheets: sheetsOf(row.sheets),
    undone,
  };
}

function cohortsOf(json: string | null | undefined): ImportHistoryEntry['cohorts'] | null {
  if (!json) return null;
  try {
    const list = JSON.parse(json) as unknown;
    if (!Array.isArray(list)) return null;
    return list
      .filter(
        (x): x is { year: number; term: Term; rows: number } =>
          typeof x?.year === 'number' && (TERMS as readonly unknown[]).includes(x?.term) && typeof x?.rows === 'number',
      )
      .map((x) => ({ year: x.year, term: x.term, rows: x.rows }));
  } catch {
    return null;
  }
}

function sheetsOf(json: string | null | undefined): { name: string; rows: number }[] {
  if (!json) return [];
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list)
      ? list.filter((x): x is { name: string; rows: number } => typeof x?.name === 'string' && typeof x?.rows === 'number')
      : [];
  } catch {
    return [];
  }
}

/** Every import of the file with this SHA-256, oldest first (several when its sheets came in goes). */
export function findImportsBySha(db: Database.Database, sha256: string): ImportHistoryEntry[] {
  const rows = db.prepare('SELECT * FROM decision_files WHERE sha256 = ? ORDER BY id').all(sha256) as FileRow[];
  return rows.map((row) => {
    const clerk =
      row.operation_id === null
        ? null
        : ((db.prepare('SELECT clerk FROM operations WHERE id = ?').pluck().get(row.operation_id) as string | undefined) ?? null);
    return entry(db, row, clerk, false);
  });
}

/**
 * The file's earlier imports: `whole` when one of them took the whole file (or recorded no sheets),
 * else the names of the sheets they took.
 */
export function importedSheets(
  db: Database.Database,
  sha256: string,
): { entries: ImportHistoryEntry[]; whole: boolean; sheets: Set<string> } {
  const entries = findImportsBySha(db, sha256);
  return {
    entries,
    whole: entries.some((e) => e.sheets.length === 0),
    sheets: new Set(entries.flatMap((e) => e.sheets.map((x) => x.name))),
  };
}

export function findImportBySha(db: Database.Database, sha256: string): ImportHistoryEntry | null {
  return findImportsBySha(db, sha256)[0] ?? null;
}

/** The newest imports first; undone ones (their row is gone) rebuilt from the audit log. */
export function listImportHistory(db: Database.Database, limit: number): ImportHistoryEntry[] {
  const current = (
    db
      .prepare(
        'SELECT d.*, o.clerk AS clerk FROM decision_files d LEFT JOIN operations o ON o.id = d.operation_id ORDER BY d.id DESC LIMIT ?',
      )
      .all(limit) as (FileRow & {
      clerk: string | null;
    })[]
  ).map((r) => entry(db, r, r.clerk, false));
  const undone = (
    db
      .prepare(
        `SELECT a.new_value AS row, o.clerk AS clerk,
                (SELECT group_concat(u.field || '=' || u.new_value, char(1)) FROM audit_log u
                  WHERE u.operation_id = o.id AND u.entity = 'decision_file' AND u.field <> '+') AS updates
           FROM audit_log a JOIN operations o ON o.id = a.operation_id
          WHERE a.entity = 'decision_file' AND a.field = '+' AND o.kind = 'import' AND o.undone = 1
          ORDER BY a.id DESC LIMIT ?`,
      )
      .all(limit) as { row: string; clerk: string; updates: string | null }[]
  ).flatMap((r) => {
    try {
      const row = JSON.parse(r.row) as FileRow;
      for (const pair of (r.updates ?? '').split('\u0001')) {
        const eq = pair.indexOf('=');
        if (eq > 0)
          (row as unknown as Record<string, unknown>)[pair.slice(0, eq)] = Number.isNaN(Number(pair.slice(eq + 1)))
            ? pair.slice(eq + 1)
            : Number(pair.slice(eq + 1));
      }
      const e = entry(db, { ...row, cohort_id: null }, r.clerk, true);
      return [e];
    } catch {
      return [];
    }
  });
  return [...current, ...undone]
    .sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : b.decisionFileId - a.decisionFileId))
    .slice(0, limit);
}
