// npx tsx bench/row-versions.ts — what the rows' versions (migration 0012: a trigger adds one to
// `version` on every update) cost the writes that change many rows at once, on a ledger of
// 100,000 persons: a fill-down of 100,000 rows and a paste of 10,000 rows × 3 through dispatch
// (as the window calls them), and the import's update path (one UPDATE per row, 100,000 rows, one
// transaction). Run it on a commit before the migration and after to compare (the report of the
// change quotes both). BENCH_VERSIONS_PERSONS (default 100000), BENCH_VERSIONS_RUNS (default 5).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../src/main/api/dispatch';
import { createHandlers } from '../src/main/api/handlers';
import { openLedger } from '../src/main/ledger/open';
import { fillLedger } from './lib/fill-ledger';
import { median, peakRssMb, report, type BenchRow } from './lib/report';

const PERSONS = Math.max(1000, Number(process.env.BENCH_VERSIONS_PERSONS ?? 100_000) || 100_000);
const RUNS = Math.max(1, Number(process.env.BENCH_VERSIONS_RUNS ?? 5) || 5);
const PASTE_ROWS = Math.min(10_000, PERSONS);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-row-versions-'));
  const ledger = openLedger(join(dir, 'ledger.sqlite'));
  try {
    fillLedger(ledger.db, { persons: PERSONS, seed: 1 });
    const handlers = createHandlers({ ledger, appVersion: 'bench' });
    const ids = ledger.db.prepare('SELECT id FROM persons ORDER BY id').pluck().all() as number[];
    const call = async (name: string, input: unknown): Promise<void> => {
      const answer = await dispatch(handlers, ledger, name, input);
      if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
    };
    const timed = async (work: (run: number) => unknown): Promise<number[]> => {
      const ms: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const t = performance.now();
        await work(run);
        ms.push(performance.now() - t);
      }
      return ms;
    };
    const rows: BenchRow[] = [];
    const row = (what: string, ms: number[], n: number) =>
      rows.push({ what, rows: n, ours_median_ms: Math.round(median(ms)), ours_rows_per_s: Math.round(n / (median(ms) / 1000)) });

    // A fill-down: the first row's unit into every other row (changed every run).
    row(
      `gridFillDown ${ids.length.toLocaleString('en-US')} rows`,
      await timed(async (run) => {
        ledger.db.prepare('UPDATE persons SET unit = ? WHERE id = ?').run(`제${run}호 부대`, ids[0]);
        await call('gridFillDown', { grid: 'persons', ids, colId: 'unit' });
      }),
      ids.length,
    );
    // A paste of 10,000 rows × 3 columns from the top of the grid.
    row(
      `gridPaste ${PASTE_ROWS.toLocaleString('en-US')} rows × 3`,
      await timed((run) =>
        call('gridPaste', {
          grid: 'persons',
          view: {},
          startIndex: 0,
          columns: ['unit', 'skill', 'education'],
          cells: Array.from({ length: PASTE_ROWS }, (_, i) => [`제${run}-${i}호`, `선반${run}`, `고중${run}`]),
        }),
      ),
      PASTE_ROWS,
    );
    // The import's update path (import/apply.ts): one UPDATE per row in one transaction — as the
    // import writes it (moving the version itself, once the rows carry one) and as a writer that
    // leaves the version to the trigger.
    const versioned =
      (ledger.db.prepare("SELECT count(*) FROM pragma_table_info('persons') WHERE name = 'version'").pluck().get() as number) > 0;
    const updates = [
      {
        what: 'import UPDATE',
        sql: `UPDATE persons SET unit = @unit, notes = @notes, updated_at = @updated_at${versioned ? ', version = version + 1' : ''} WHERE id = @id`,
      },
      { what: 'plain UPDATE', sql: 'UPDATE persons SET unit = @unit, notes = @notes, updated_at = @updated_at WHERE id = @id' },
    ];
    for (const { what, sql } of updates) {
      const update = ledger.db.prepare(sql);
      row(
        `${what} ${ids.length.toLocaleString('en-US')} persons`,
        await timed((run) =>
          ledger.db.transaction(() => {
            const at = new Date().toISOString();
            for (const id of ids) update.run({ id, unit: `제${run}호 ${what}`, notes: `비고 ${run}`, updated_at: at });
          })(),
        ),
        ids.length,
      );
    }
    console.log(`persons: ${ids.length}; rows carry version: ${versioned}; runs: ${RUNS}; peak ${peakRssMb()} MB`);
    report('row-versions', rows);
  } finally {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
