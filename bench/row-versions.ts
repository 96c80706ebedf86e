// npx tsx bench/row-versions.ts — what the rows' versions (migration 0012: a trigger adds one to
// `version` on every update the writer did not move it in) cost the writes that change many rows
// at once, on a ledger of 100,000 persons: a fill-down of 100,000 rows and a paste of 10,000 rows
// × 3 through dispatch (as the window calls them), the import's update path (one UPDATE per row
// moving the version itself, 100,000 rows in one transaction), and the same UPDATE by a writer
// that leaves the version to the trigger (another program, an old code path).
//
// Before and after in one process, round by round (the machine's load drifts between runs of two
// processes far more than the difference measured): "before" with the four version triggers set
// aside and the UPDATE without `version = version + 1`, "after" as the ledger is. The grid's own
// UPDATE always moves the version (one more column set: the "before" of those rows is the code
// before migration 0012 plus that column). BENCH_VERSIONS_PERSONS (default 100000),
// BENCH_VERSIONS_RUNS (rounds, default 5).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../src/main/api/dispatch';
import { createHandlers } from '../src/main/api/handlers';
import { setAsideTriggers } from '../src/main/ledger/triggers';
import { VERSIONED_TABLES } from '../src/main/ledger/migrations/0012-row-versions';
import { openLedger } from '../src/main/ledger/open';
import { fillLedger } from './lib/fill-ledger';
import { median, peakRssMb, report, type BenchRow } from './lib/report';

const PERSONS = Math.max(1000, Number(process.env.BENCH_VERSIONS_PERSONS ?? 100_000) || 100_000);
const RUNS = Math.max(1, Number(process.env.BENCH_VERSIONS_RUNS ?? 5) || 5);
const PASTE_ROWS = Math.min(10_000, PERSONS);
const round = (n: number) => Math.round(n);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-row-versions-'));
  const ledger = openLedger(join(dir, 'ledger.sqlite'));
  try {
    const { db } = ledger;
    fillLedger(db, { persons: PERSONS, seed: 1 });
    const handlers = createHandlers({ ledger, appVersion: 'bench' });
    const ids = db.prepare('SELECT id FROM persons ORDER BY id').pluck().all() as number[];
    const call = async (name: string, input: unknown): Promise<void> => {
      const answer = await dispatch(handlers, ledger, name, input);
      if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
    };
    const n = (x: number) => x.toLocaleString('en-US');
    const workloads: { what: string; rows: number; work: (run: number, before: boolean) => unknown }[] = [
      {
        what: `gridFillDown ${n(ids.length)} rows`,
        rows: ids.length,
        work: async (run) => {
          db.prepare('UPDATE persons SET unit = ? WHERE id = ?').run(`제${run}호 부대`, ids[0]);
          await call('gridFillDown', { grid: 'persons', ids, colId: 'unit' });
        },
      },
      {
        what: `gridPaste ${n(PASTE_ROWS)} rows × 3`,
        rows: PASTE_ROWS,
        work: (run) =>
          call('gridPaste', {
            grid: 'persons',
            view: {},
            startIndex: 0,
            columns: ['unit', 'skill', 'education'],
            cells: Array.from({ length: PASTE_ROWS }, (_, i) => [`제${run}-${i}호`, `선반${run}`, `고중${run}`]),
          }),
      },
      {
        what: `import UPDATE ${n(ids.length)} persons`,
        rows: ids.length,
        work: (run, before) => {
          const sql = `UPDATE persons SET unit = @unit, notes = @notes, updated_at = @updated_at${before ? '' : ', version = version + 1'} WHERE id = @id`;
          const update = db.prepare(sql);
          db.transaction(() => {
            const at = new Date().toISOString();
            for (const id of ids) update.run({ id, unit: `제${run}호 ${before}`, notes: `비고 ${run}`, updated_at: at });
          })();
        },
      },
      {
        what: `UPDATE by another writer ${n(ids.length)} persons`,
        rows: ids.length,
        work: (run, before) => {
          const update = db.prepare('UPDATE persons SET unit = @unit, notes = @notes, updated_at = @updated_at WHERE id = @id');
          db.transaction(() => {
            const at = new Date().toISOString();
            for (const id of ids) update.run({ id, unit: `제${run}호 ${before} 다른`, notes: `비고 ${run}`, updated_at: at });
          })();
        },
      },
    ];
    const rows: BenchRow[] = [];
    for (const { what, rows: count, work } of workloads) {
      const before: number[] = [];
      const after: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const without of run % 2 === 0 ? [true, false] : [false, true]) {
          const restore = without
            ? setAsideTriggers(
                db,
                VERSIONED_TABLES.map((t) => `${t}_version`),
              )
            : null;
          const t = performance.now();
          await work(run, without);
          (without ? before : after).push(performance.now() - t);
          restore?.();
        }
      }
      rows.push({
        what,
        rows: count,
        ours_before_median_ms: round(median(before)),
        ours_after_median_ms: round(median(after)),
        ratio: Math.round((median(after) / median(before)) * 100) / 100,
        ours_after_rows_per_s: round(count / (median(after) / 1000)),
      });
    }
    console.log(`persons: ${n(ids.length)}; rounds: ${RUNS}; peak ${peakRssMb()} MB`);
    report('row-versions', rows, 'before: version triggers set aside; after: as migrated');
  } finally {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
