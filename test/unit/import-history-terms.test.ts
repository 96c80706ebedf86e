// The Import page's history names every term a file's rows went to (a decision file holding
// spring and summer rows is both), in calendar order with each term's rows — also after the
// import was undone — and files imported before the terms were kept still name their main cohort.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listImportHistory } from '../../src/main/import/history';
import { openLedger } from '../../src/main/ledger/open';
import { runCliCaptured as cli, tempFolders } from '../helpers/unit';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const folder = tempFolders('import-history-terms-');

/** The spring sample with its first `summer` data rows moved to summer. */
function twoTermFile(dir: string, summer: number): string {
  const lines = readFileSync(join(SAMPLES, 'decision-11-spring-utf8.csv'), 'utf8').split('\n');
  for (let i = 1; i <= summer; i++) lines[i] = lines[i]!.replace(/,봄,/, ',여름,');
  const path = join(dir, 'two-terms.csv');
  writeFileSync(path, lines.join('\n'));
  return path;
}

function history(db: string) {
  const ledger = openLedger(db);
  try {
    return listImportHistory(ledger.db, 10);
  } finally {
    ledger.close();
  }
}

describe('import history terms', () => {
  it('lists every term of the file with its rows, before and after undo', async () => {
    const dir = folder();
    const db = join(dir, 'l.sqlite');
    openLedger(db).close();
    const file = twoTermFile(dir, 10);
    const result = await cli(['import', file, '--db', db, '--skip-invalid']);
    expect(result.code, result.stderr).toBe(0);
    const [entry] = history(db);
    expect(entry!.cohorts).toEqual([
      { year: 2027, term: 'spring', rows: entry!.rowsValid - 10 },
      { year: 2027, term: 'summer', rows: 10 },
    ]);
    expect(entry!.cohort).toEqual({ year: 2027, term: 'spring' });

    const ledger = openLedger(db);
    try {
      const { undoImport } = await import('../../src/main/import/undo');
      undoImport(ledger.db, entry!.decisionFileId, 'tester');
    } finally {
      ledger.close();
    }
    const [undone] = history(db);
    expect(undone!.undone).toBe(true);
    expect(undone!.cohorts.map((c) => c.term)).toEqual(['spring', 'summer']);
  });

  it('a file recorded without its terms names its main cohort', async () => {
    const dir = folder();
    const db = join(dir, 'l.sqlite');
    openLedger(db).close();
    expect((await cli(['import', join(SAMPLES, 'decision-11-spring-utf8.csv'), '--db', db, '--skip-invalid'])).code).toBe(0);
    const ledger = openLedger(db);
    try {
      ledger.db.prepare('UPDATE decision_files SET cohorts = NULL').run();
    } finally {
      ledger.close();
    }
    expect(history(db)[0]!.cohorts).toEqual([{ year: 2027, term: 'spring', rows: null }]);
  });
});
