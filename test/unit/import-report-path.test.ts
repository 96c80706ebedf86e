// `ledger import FILE --report OUT.xlsx` with a place that cannot take the report: the report
// path is blamed (exit 2, its sentence), before anything is imported — it used to be blamed on
// the ledger after the import had been committed.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/main/ledger/open';
import { runCliCaptured as cli, tempFolders } from '../helpers/unit';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const folder = tempFolders('import-report-path-');
const FILE = join(SAMPLES, 'decision-11-spring-utf8.csv');

function persons(db: string): number {
  const ledger = openLedger(db);
  try {
    return (ledger.db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
  } finally {
    ledger.close();
  }
}

describe('ledger import --report on a place that cannot take it', () => {
  it('blames the report path with its sentence, exit 2, and imports nothing', async () => {
    const dir = folder();
    const db = join(dir, 'l.sqlite');
    openLedger(db).close(); // only `init` and the app create a ledger
    writeFileSync(join(dir, 'a-file'), 'x');
    const cases: [string, string][] = [
      ['/proc/nope/report.xlsx', 'The folder “/proc/nope” does not exist. Check the path, or make the folder first. Nothing was written.'],
      [
        join(dir, 'a-file', 'report.xlsx'),
        `“${join(dir, 'a-file')}” is a file, not a folder, so nothing can be put in it. Choose another folder. Nothing was written.`,
      ],
      [join(dir, 'report.txt'), `The file name “${join(dir, 'report.txt')}” must end in “.xlsx”.`],
    ];
    for (const [report, sentence] of cases) {
      const result = await cli(['import', FILE, '--db', db, '--skip-invalid', '--report', report], { LEDGER_LANG: 'en' });
      expect(result.code, report).toBe(2);
      expect(result.stderr.trim(), report).toBe(sentence);
      expect(result.stderr).not.toMatch(/ledger/i);
    }
    expect(persons(db)).toBe(0);
  });

  it('writes the report through a hidden temp name: nothing of ours is left beside it, not even a killed run’s', async () => {
    const dir = folder();
    const db = join(dir, 'l.sqlite');
    openLedger(db).close();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, `.placement-report-${dead}-AbCdEfGh.xlsx`), 'half a workbook');
    const result = await cli(['import', FILE, '--db', db, '--dry-run', '--report', join(dir, 'report.xlsx')]);
    expect([0, 1]).toContain(result.code);
    expect(readdirSync(dir).filter((n) => n.startsWith('.placement-'))).toEqual([]);
    expect(readdirSync(dir)).toContain('report.xlsx');
  });
});
