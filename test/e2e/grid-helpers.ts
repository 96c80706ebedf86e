// Seeding a test's ledger directly (the host's own connection) and driving AG Grid cells.
import { expect, type Page } from '@playwright/test';
import type Database from 'better-sqlite3';
import { insertCohort, insertPerson, insertPlacement, insertRequest } from '../helpers/ledger';

export const SURNAMES = ['김', '리', '박', '최', '정', '강', '조', '윤', '장', '림', '한', '오', '안'];

/** `n` persons of 2027 spring, each placed in Hoeyang or Wonsan; a few requests. */
export function seedPersons(db: Database.Database, n: number): void {
  db.transaction(() => {
    const cohort = insertCohort(db, 2027, 'spring');
    insertCohort(db, 2027, 'fall');
    for (let i = 0; i < n; i++) {
      const id = insertPerson(db, {
        serviceNo: `${String(100 + (i % 800)).padStart(3, '0')}-${String(i).padStart(5, '0')}`,
        name: `${SURNAMES[i % SURNAMES.length]}${['철', '영', '명', '순', '혜'][i % 5]}${['호', '희', '진', '수'][i % 4]}`,
        sex: i % 3 === 0 ? 'F' : 'M',
        birthDate: `199${i % 10}-0${(i % 9) + 1}-1${i % 10}`,
        dischargeDate: '2027-04-20',
        homeProvince: 'kangwon',
        homeCounty: '원산시',
        cohortId: cohort,
      });
      insertPlacement(db, {
        personId: id,
        cohortId: cohort,
        countyCode: i % 2 ? 'kangwon.hoeyang-gun' : 'kangwon.wonsan-si',
        sector: i % 4 ? 'local_factory' : 'farm_team',
      });
    }
    insertRequest(db, {
      countyCode: 'kangwon.hoeyang-gun',
      cohortId: cohort,
      workplace: '회양식료공장',
      sector: 'local_factory',
      headcount: 3,
      priority: 1,
    });
    insertRequest(db, {
      countyCode: 'kangwon.hoeyang-gun',
      cohortId: cohort,
      workplace: '회양협동농장',
      sector: 'farm_team',
      headcount: 20,
      priority: 2,
    });
    insertRequest(db, {
      countyCode: 'kangwon.wonsan-si',
      cohortId: cohort,
      workplace: '원산편직공장',
      sector: 'local_factory',
      headcount: 12,
      priority: 1,
    });
  })();
}

/** The cell of row `rowId` (the ledger id) and column `colId`. */
export function cell(page: Page, rowId: number | string, colId: string) {
  return page.locator(`.ag-grid-scrolling-container [role="row"][row-id="${rowId}"] [col-id="${colId}"]`);
}

export function pinnedTopCell(page: Page, colId: string) {
  return page.locator(`.ag-grid-pinned-top-rows-container [role="row"] [col-id="${colId}"]`);
}

/** Types into a text cell and commits with Enter. */
export async function typeInto(page: Page, target: ReturnType<typeof cell>, text: string): Promise<void> {
  await target.dblclick();
  const editor = page.locator('.ag-cell-inline-editing input, .ag-popup-editor textarea').first();
  await expect(editor).toBeVisible();
  await editor.fill(text);
  await editor.press('Enter');
}

export async function waitForRows(page: Page, count?: number): Promise<void> {
  if (count === undefined) {
    await expect(page.locator('.ag-grid-scrolling-container [role="row"][row-id]').first()).toBeVisible();
  } else {
    await expect(page.getByTestId('grid-row-count')).toHaveAttribute('data-value', String(count));
  }
}
