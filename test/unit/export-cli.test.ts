import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli';
import { parseTermArgument } from '../../src/main/export/cli';
import { openLedger } from '../../src/main/ledger/open';
import { captureIo, tempDir } from '../helpers/ledger';
import { scenarioLedgerFile } from './export-support';

const root = resolve(__dirname, '../..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setup() {
  const ledger = scenarioLedgerFile('ledger-export-cli-', cleanups);
  return { ...ledger, out: join(ledger.dir, 'out') };
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const c = captureIo(env);
  const code = await runCli(args, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

describe('ledger export (CLI)', () => {
  it('`npm run -s ledger -- export --out DIR --json` prints exactly {"files":[{path,department,rows}],"ms"} and exits 0', () => {
    const { db, out } = setup();
    const result = spawnSync(
      'npm',
      ['run', '-s', 'ledger', '--', 'export', '--db', db, '--out', out, '--county', '회양군', '원산시', '--summary', '--json'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBe(1);
    const parsed = JSON.parse(lines[0]!) as { files: { path: string; department: string; rows: number }[]; ms: number };
    expect(Object.keys(parsed)).toEqual(['files', 'ms']);
    expect(typeof parsed.ms).toBe('number');
    expect(parsed.files).toEqual([
      { path: join(out, '2027-봄-원산시-배치명단.xlsx'), department: '강원도 원산시 로동과', rows: 2 },
      { path: join(out, '2027-봄-회양군-배치명단.xlsx'), department: '강원도 회양군 로동과', rows: 11 },
      { path: join(out, '2027-봄-도종합.xlsx'), department: '도 종합표', rows: 2 },
    ]);
    for (const f of parsed.files) expect(readFileSync(f.path).subarray(0, 2).toString()).toBe('PK');
  });

  it('takes the newest term by default, several --county values, --term in Korean or English', async () => {
    const { db, out } = setup();
    const all = await cli(['export', '--db', db, '--out', out, '--json']);
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as { files: unknown[] }).files.length).toBe(2);
    const some = await cli([
      'export',
      '--db',
      db,
      '--out',
      join(out, 'b'),
      '--term',
      '2027-봄',
      '--county',
      'kangwon.hoeyang-gun',
      '--json',
    ]);
    expect(some.code).toBe(0);
    expect(readdirSync(join(out, 'b'))).toEqual(['2027-봄-회양군-배치명단.xlsx']);
    const human = await cli(['export', '--db', db, '--out', join(out, 'c'), '--term=2027-spring', '--county', '회양군']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('2027-봄-회양군-배치명단.xlsx  (11 persons)');
    expect(human.stdout).toContain('1 file, 11 persons');
    expect(parseTermArgument('2027-가을')).toEqual({ year: 2027, term: 'fall' });
    expect(parseTermArgument('2027 summer')).toEqual({ year: 2027, term: 'summer' });
    expect(parseTermArgument('spring')).toBeNull();
  });

  it('never overwrites without --force (exit 2, file untouched); --force replaces', async () => {
    const { db, out } = setup();
    mkdirSync(out);
    const mine = join(out, '2027-봄-회양군-배치명단.xlsx');
    writeFileSync(mine, 'mine');
    const refused = await cli(['export', '--db', db, '--out', out, '--county', '회양군']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already in');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(mine, 'utf8')).toBe('mine');
    const forced = await cli(['export', '--db', db, '--out', out, '--county', '회양군', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(mine).subarray(0, 2).toString()).toBe('PK');
  });

  it('exits 2 with usage or a sentence for bad arguments and unwritable folders, writing nothing', async () => {
    const { db, dir, out } = setup();
    writeFileSync(join(dir, 'a-file'), 'x');
    const cases: [string[], RegExp][] = [
      [['export', '--db', db], /export needs --out DIR/],
      [['export', '--db', db, '--out', out, '--term', 'spring'], /--term: expected YEAR-TERM/],
      [['export', '--db', db, '--out', out, '--county'], /--county needs at least one value/],
      [['export', '--db', db, '--out', out, '--colour', 'red'], /unknown option/],
      [['export', '--db', db, '--out', out, '--term', '2026-fall'], /has no fall 2026 term/],
      [['export', '--db', db, '--out', out, '--county', '없는군'], /No city or county “없는군”/],
      [['export', '--db', db, '--out', join(dir, 'a-file')], /a-file” is a file, not a folder/],
    ];
    if (process.platform === 'linux')
      cases.push([['export', '--db', db, '--out', '/sys/placement-ledger-export-test'], /You may not write in|is read-only/]);
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
    const korean = await cli(['export', '--db', db, '--out', out, '--county', '없는군'], { LEDGER_LANG: 'ko' });
    expect(korean.stderr).toContain('«없는군»이라는 시·군을 찾지 못했습니다');
  });

  it('says so (exit 1) when the ledger has nobody on a roster yet', async () => {
    const t = tempDir('ledger-export-cli-');
    cleanups.push(t.cleanup);
    const empty = join(t.dir, 'empty.sqlite');
    openLedger(empty).close(); // a new ledger (only `init` makes one from the command line)
    const result = await cli(['export', '--db', empty, '--out', join(t.dir, 'out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('The ledger has nobody to put on a roster yet. Import the Bureau’s decision files first.\n');
    expect(existsSync(join(t.dir, 'out'))).toBe(false);
  });

  it('writes English workbooks with LEDGER_EXPORT_LANG=en (LEDGER_LANG only sets the messages)', async () => {
    const { db, out } = setup();
    const result = await cli(['export', '--db', db, '--out', out, '--county', '회양군', '--summary', '--json'], {
      LEDGER_EXPORT_LANG: 'en',
    });
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2027-spring-Hoeyang-gun-roster.xlsx', '2027-spring-province-summary.xlsx']);
  });
});
