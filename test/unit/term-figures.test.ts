import { afterEach, describe, expect, it } from 'vitest';
import { newestCohortId, termFigures } from '../../src/main/figures/term-figures';
import { insertCohort, insertPerson, insertPlacement, insertRequest, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('the four numbers of a term, per city/county and sector', () => {
  it('counts requested, decided by the Bureau, assigned, notified and arrived apart — one word each', () => {
    const t = tempLedger();
    cleanups.push(t.cleanup);
    const { db } = t.ledger;
    expect(termFigures(db, null)).toEqual({
      cohortId: null,
      rows: [],
      totals: { requested: 0, decided: 0, assigned: 0, notified: 0, arrived: 0 },
    });
    const spring = insertCohort(db, 2027, 'spring');
    const fall = insertCohort(db, 2027, 'fall');
    const factory = insertRequest(db, {
      countyCode: 'kangwon.hoeyang-gun',
      cohortId: spring,
      workplace: '회양 식료공장',
      sector: 'local_factory',
      headcount: 5,
    });
    insertRequest(db, {
      countyCode: 'kangwon.hoeyang-gun',
      cohortId: spring,
      workplace: '회양 옷공장',
      sector: 'local_factory',
      headcount: 3,
    });
    const cancelled = insertRequest(db, {
      countyCode: 'kangwon.hoeyang-gun',
      cohortId: spring,
      workplace: '회양 종이공장',
      sector: 'local_factory',
      headcount: 40,
    });
    db.prepare("UPDATE county_requests SET status = 'cancelled' WHERE id = ?").run(cancelled);
    insertRequest(db, {
      countyCode: 'kangwon.wonsan-si',
      cohortId: spring,
      workplace: '원산 살림집건설장',
      sector: 'rural_housing',
      headcount: 10,
    });
    insertRequest(db, {
      countyCode: 'kangwon.wonsan-si',
      cohortId: fall,
      workplace: '원산 가구공장',
      sector: 'local_factory',
      headcount: 99,
    });
    let n = 0;
    const place = (county: string, sector: string, status: string, requestId?: number, cohortId = spring) => {
      const person = insertPerson(db, { serviceNo: `100-${String(++n).padStart(5, '0')}`, name: `김${n}`, cohortId });
      insertPlacement(db, { personId: person, cohortId, countyCode: county, sector, status, ...(requestId ? { requestId } : {}) });
    };
    place('kangwon.hoeyang-gun', 'local_factory', 'decided', factory);
    place('kangwon.hoeyang-gun', 'local_factory', 'notified', factory);
    place('kangwon.hoeyang-gun', 'local_factory', 'arrived', factory);
    place('kangwon.hoeyang-gun', 'local_factory', 'decided');
    place('kangwon.hoeyang-gun', 'local_factory', 'cancelled', factory);
    place('kangwon.hoeyang-gun', 'local_factory', 'proposed');
    // Decided by the Bureau where nothing was requested: the gap to raise with it.
    place('kangwon.kosong-gun', 'farm_team', 'decided');
    place('kangwon.wonsan-si', 'local_factory', 'decided', undefined, fall);

    const figures = termFigures(db, spring);
    // In region order (as the regions list has them), sectors in their order.
    expect(figures.rows).toEqual([
      {
        countyCode: 'kangwon.wonsan-si',
        provinceCode: 'kangwon',
        sector: 'rural_housing',
        requested: 10,
        decided: 0,
        assigned: 0,
        notified: 0,
        arrived: 0,
      },
      {
        countyCode: 'kangwon.kosong-gun',
        provinceCode: 'kangwon',
        sector: 'farm_team',
        requested: 0,
        decided: 1,
        assigned: 0,
        notified: 0,
        arrived: 0,
      },
      {
        countyCode: 'kangwon.hoeyang-gun',
        provinceCode: 'kangwon',
        sector: 'local_factory',
        requested: 8,
        decided: 4,
        assigned: 3,
        notified: 2,
        arrived: 1,
      },
    ]);
    expect(figures.totals).toEqual({ requested: 18, decided: 5, assigned: 3, notified: 2, arrived: 1 });
    // The newest term that holds something when none is asked for.
    expect(newestCohortId(db)).toBe(fall);
    insertCohort(db, 2028, 'spring');
    expect(newestCohortId(db)).toBe(fall);
    expect(termFigures(db, null).totals).toEqual({ requested: 99, decided: 1, assigned: 0, notified: 0, arrived: 0 });
  });
});
