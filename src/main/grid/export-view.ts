// "Export what is on screen": the rows of a grid's view — its filters, search, sort and column
// order — streamed from SQL into an xlsx or csv file through the export feature's exportRows,
// values as the grid shows them (labels, names, cohorts), dates as real dates.
import type Database from 'better-sqlite3';
import type { GridExportResult, GridView } from '../../shared/api/grid.contract';
import type { Language } from '../../shared/domain';
import { displayCell, type DisplayLookups } from '../../shared/grid-display';
import { columnOf, type GridId } from '../../shared/grids';
import { messages } from '../../shared/i18n';
import { exportRows, type ExportColumn } from '../export/export-rows';
import type { JobContext } from '../jobs/registry';
import { listCohorts } from './placing';
import { prepared, viewSql } from './query';

function lookups(db: Database.Database, language: Language): DisplayLookups {
  const rows = prepared(db, 'SELECT code, name_ko, name_en FROM regions').all() as { code: string; name_ko: string; name_en: string }[];
  const names = new Map(rows.map((r) => [r.code, language === 'en' ? r.name_en : r.name_ko]));
  // A Korean name as some records keep it (a person's home city/county) reads in English too.
  if (language === 'en') for (const r of rows) if (!names.has(r.name_ko)) names.set(r.name_ko, r.name_en);
  return { cohorts: listCohorts(db), regionName: (code) => names.get(code) ?? code };
}

/** Every row of the view, in the view's order, a few thousand at a time (the UI stays answered). */
async function* viewRows(
  db: Database.Database,
  grid: GridId,
  view: GridView,
  signal: AbortSignal,
): AsyncGenerator<Record<string, unknown>> {
  const { sql, params } = viewSql(db, grid, view);
  let n = 0;
  for (const row of db.prepare(sql).iterate(...params) as IterableIterator<Record<string, unknown>>) {
    yield row;
    if (++n % 2000 === 0) {
      if (signal.aborted) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

export async function exportGridView(
  db: Database.Database,
  input: { grid: GridId; view: GridView; columns: string[]; format: 'xlsx' | 'csv'; path: string; overwrite: boolean; language: Language },
  job: JobContext,
): Promise<GridExportResult> {
  const { grid, view, language } = input;
  const m = messages[language];
  const known = input.columns.filter((key) => columnOf(grid, key));
  const names = lookups(db, language);
  const columns: ExportColumn[] = known.map((key) => {
    const column = columnOf(grid, key)!;
    return {
      key,
      header: (m.grid.columns as Record<string, string>)[key] ?? key,
      type: column.kind === 'date' ? 'date' : column.kind === 'number' ? 'number' : 'text',
    };
  });
  async function* shown(): AsyncGenerator<Record<string, unknown>> {
    for await (const row of viewRows(db, grid, view, job.signal)) {
      const out: Record<string, unknown> = {};
      for (const key of known) {
        const column = columnOf(grid, key)!;
        const value = row[key];
        // Dates stay ISO (the writer makes date cells); numbers stay numbers; the rest as shown.
        out[key] =
          column.kind === 'date' || column.kind === 'number' ? value : displayCell(grid, column, value, language, names, row as never);
      }
      yield out;
    }
  }
  job.report({ phase: 'writing', done: 0, total: null });
  const result = await exportRows({
    columns,
    rows: shown(),
    format: input.format,
    path: input.path,
    overwrite: input.overwrite,
    title: m.grid.pages[grid].title,
    language,
    signal: job.signal,
    onRows: (done) => job.report({ phase: 'writing', done }),
  });
  return { path: result.path, rows: result.rows };
}
