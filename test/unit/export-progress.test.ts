// The export's progress figure is "n of N persons": every person counted once, N the persons of
// the departments chosen. The province summary lists the persons without a workplace a second
// time (and those of departments not chosen); those rows must not swell either figure.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runExport, type ExportPhase } from '../../src/main/export/run';
import { tempLedger } from '../helpers/ledger';
import { buildScenario, WONSAN } from './export-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function progressOf(counties: string[], summary: boolean) {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  buildScenario(t.ledger.db);
  const reports: { phase: ExportPhase; done: number; total: number }[] = [];
  const result = await runExport(
    t.ledger.db,
    { year: 2027, term: 'spring', counties, folder: join(t.dir, 'out'), summary, language: 'ko', overwrite: false },
    { progress: (p) => reports.push({ ...p }) },
  );
  const counted = reports.filter((r) => r.phase !== 'preparing' || r.total > 0);
  return { result, reports, counted };
}

describe('export progress', () => {
  it('counts each person once, with the province summary (4 persons without a workplace listed again)', async () => {
    // The scenario: 13 persons, 2 + 11 in two departments, 1 + 3 of them without a workplace.
    const { result, counted } = await progressOf([], true);
    expect(result.persons).toBe(13);
    expect(new Set(counted.map((r) => r.total))).toEqual(new Set([13]));
    expect(Math.max(...counted.map((r) => r.done))).toBe(13);
    const last = counted[counted.length - 1]!;
    expect(last).toMatchObject({ phase: 'publishing', done: 13, total: 13 });
    // Never more done than there are persons, and never backwards.
    counted.forEach((r, i) => {
      expect(r.done).toBeLessThanOrEqual(r.total);
      if (i > 0) expect(r.done).toBeGreaterThanOrEqual(counted[i - 1]!.done);
    });
  });

  it('N is the persons of the departments chosen, not the summary’s whole province', async () => {
    const { result, counted } = await progressOf([WONSAN], true);
    expect(result.persons).toBe(2);
    expect(result.files.map((f) => f.kind)).toEqual(['roster', 'summary']);
    expect(new Set(counted.map((r) => r.total))).toEqual(new Set([2]));
    expect(counted.filter((r) => r.phase === 'summary').every((r) => r.done === 2)).toBe(true);
    expect(counted[counted.length - 1]).toMatchObject({ done: 2, total: 2 });
  });

  it('without the summary the figures are the same persons', async () => {
    const { counted } = await progressOf([], false);
    expect(counted[counted.length - 1]).toMatchObject({ done: 13, total: 13 });
    expect(counted.some((r) => r.phase === 'summary')).toBe(false);
  });
});
