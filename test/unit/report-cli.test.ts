// `ledger report fill [--term 2027-spring] [--json]`: the newest term by default, counties by
// their Korean names and sectors by code (as `dump` writes them), totals; bad words exit 2, a
// term the ledger lacks exits 1 with the clerk's sentence.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/main/ledger/open';
import { insertCohort, insertPerson, insertPlacement, insertRequest } from '../helpers/ledger';
import { runCliCaptured as cli, tempFolders } from '../helpers/unit';

const folder = tempFolders('report-cli-');

function seeded(): string {
  const path = join(folder(), 'ledger.sqlite');
  const ledger = openLedger(path);
  const { db } = ledger;
  const spring = insertCohort(db, 2027, 'spring');
  const fall = insertCohort(db, 2027, 'fall');
  const request = insertRequest(db, {
    countyCode: 'kangwon.hoeyang-gun',
    cohortId: fall,
    workplace: '회양 식료공장',
    sector: 'local_factory',
    headcount: 5,
  });
  insertRequest(db, {
    countyCode: 'kangwon.wonsan-si',
    cohortId: spring,
    workplace: '원산 가구공장',
    sector: 'local_factory',
    headcount: 7,
  });
  const place = (i: number, cohort: number, county: string, status: string, requestId?: number) =>
    insertPlacement(db, {
      personId: insertPerson(db, { serviceNo: `200-${String(i).padStart(5, '0')}`, name: `한${i}`, cohortId: cohort }),
      cohortId: cohort,
      countyCode: county,
      sector: 'local_factory',
      status,
      ...(requestId ? { requestId } : {}),
    });
  place(1, fall, 'kangwon.hoeyang-gun', 'arrived', request);
  place(2, fall, 'kangwon.hoeyang-gun', 'notified', request);
  place(3, fall, 'kangwon.hoeyang-gun', 'decided');
  place(4, fall, 'kangwon.kosong-gun', 'decided');
  place(5, spring, 'kangwon.wonsan-si', 'decided');
  ledger.close();
  return path;
}

describe('ledger report fill', () => {
  it('prints the newest term as a table with totals, and as JSON', async () => {
    const path = seeded();
    const text = await cli(['report', 'fill', '--db', path]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')).toEqual([
      'term: 2027-fall',
      'county  sector         requested  decided  assigned  notified  arrived',
      '고성군  local_factory          0        1         0         0        0',
      '회양군  local_factory          5        3         2         2        1',
      'total                          5        4         2         2        1',
      '',
    ]);
    const json = await cli(['report', 'fill', '--json', '--db', path]);
    expect(JSON.parse(json.stdout)).toEqual({
      term: '2027-fall',
      rows: [
        { county: '고성군', sector: 'local_factory', requested: 0, decided: 1, assigned: 0, notified: 0, arrived: 0 },
        { county: '회양군', sector: 'local_factory', requested: 5, decided: 3, assigned: 2, notified: 2, arrived: 1 },
      ],
      totals: { requested: 5, decided: 4, assigned: 2, notified: 2, arrived: 1 },
    });
    const spring = await cli(['report', 'fill', '--term', '2027-봄', '--json', '--db', path]);
    expect(JSON.parse(spring.stdout).rows).toEqual([
      { county: '원산시', sector: 'local_factory', requested: 7, decided: 1, assigned: 0, notified: 0, arrived: 0 },
    ]);
  });

  it('refuses a term the ledger lacks (exit 1, a sentence) and bad words (exit 2)', async () => {
    const path = seeded();
    const missing = await cli(['report', 'fill', '--term', '2026-summer', '--db', path], { LEDGER_LANG: 'en' });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^(The ledger has no such term\.|배치대장에 그런 기별이 없습니다\.)$/);
    expect((await cli(['report', 'fill', '--term', 'spring', '--db', path])).code).toBe(2);
    expect((await cli(['report', 'arrivals', '--db', path])).code).toBe(2);
  });
});
