// Remembered header mappings (migration 0004): when the clerk corrects which column is which
// field, the whole mapping is kept under the header's signature and used for the next file with
// the same headers.
import type Database from 'better-sqlite3';
import { IMPORT_FIELDS, type ImportField, type ImportKind } from '../../shared/api/import.contract';
import type { RememberedMapping } from './layout';

export function loadRememberedMappings(db: Database.Database): RememberedMapping[] {
  const rows = db
    .prepare<[], { signature: string; kind: ImportKind; mapping: string }>('SELECT signature, kind, mapping FROM import_header_mappings')
    .all();
  const out: RememberedMapping[] = [];
  for (const row of rows) {
    try {
      const parsed = JSON.parse(row.mapping) as Record<string, unknown>;
      const mapping: Record<string, ImportField | null> = {};
      for (const [key, value] of Object.entries(parsed)) {
        if (!/^\d{1,5}$/.test(key)) continue;
        if (value === null || (typeof value === 'string' && (IMPORT_FIELDS as readonly string[]).includes(value))) {
          mapping[key] = value as ImportField | null;
        }
      }
      out.push({ signature: row.signature, kind: row.kind, mapping });
    } catch {
      // A damaged entry is ignored; the clerk maps again and it is replaced.
    }
  }
  return out;
}

export function rememberMapping(
  db: Database.Database,
  entry: { signature: string; kind: ImportKind; headers: string[]; mapping: Record<string, ImportField | null>; clerk: string },
): void {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO import_header_mappings (signature, kind, headers, mapping, clerk, created_at, updated_at, uses)
     VALUES (@signature, @kind, @headers, @mapping, @clerk, @now, @now, 1)
     ON CONFLICT(signature) DO UPDATE SET kind = excluded.kind, headers = excluded.headers, mapping = excluded.mapping,
       clerk = excluded.clerk, updated_at = excluded.updated_at, uses = uses + 1`,
  ).run({
    signature: entry.signature,
    kind: entry.kind,
    headers: JSON.stringify(entry.headers),
    mapping: JSON.stringify(entry.mapping),
    clerk: entry.clerk,
    now,
  });
}
