import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, openSync, readFileSync, closeSync, writeSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/main/ledger/migrations';
import { openLedger } from '../../src/main/ledger/open';
import { insertCohort, insertPerson, insertPlacement } from '../helpers/ledger';
import { runCliCaptured, tempFolders } from '../helpers/unit';

const root = resolve(__dirname, '../..');
const folder = tempFolders('ledger-cli-');
const cli = runCliCaptured;

/** A ledger with a cohort, persons (enough for several pages) and placements. */
function seededLedger(path: string, persons = 3): void {
  const ledger = openLedger(path);
  const { db } = ledger;
  db.transaction(() => {
    const cohort = insertCohort(db, 2027, 'spring');
    for (let i = 0; i < persons; i++) {
      const id = insertPerson(db, {
        serviceNo: `254-${String(i).padStart(5, '0')}`,
        name: i === 0 ? '표혜영' : `리철${i}`,
        sex: i % 2 ? 'M' : 'F',
        birthDate: '1997-06-11',
        dischargeDate: '2027-04-23',
        homeProvince: 'kangwon',
        homeCounty: '원산시',
        cohortId: cohort,
      });
      insertPlacement(db, { personId: id, cohortId: cohort, countyCode: 'kangwon.hoeyang-gun', sector: 'local_factory' });
    }
  })();
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
}

describe('ledger CLI', () => {
  it('`init --db NEW` creates a migrated ledger; `stats --json` then prints its counts', () => {
    const path = join(folder(), 'NEW.sqlite');
    expect(spawnSync('npm', ['run', '-s', 'ledger', '--', 'init', '--db', path], { cwd: root, encoding: 'utf8' }).status).toBe(0);
    const result = spawnSync('npm', ['run', '-s', 'ledger', '--', 'stats', '--json', '--db', path], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const stats = JSON.parse(result.stdout.trim()) as { migrationLevel: number; counts: Record<string, number> };
    expect(stats.migrationLevel).toBe(LATEST_VERSION);
    expect(stats.counts).toEqual({
      persons: 0,
      cohorts: 0,
      county_requests: 0,
      placements: 0,
      regions: 212,
      decision_files: 0,
      audit_log: 0,
    });
    expect(existsSync(path)).toBe(true);
  });

  it('check exits 0 on a sound ledger and 1 on a copy with damaged pages', async () => {
    const dir = folder();
    const path = join(dir, 'ledger.sqlite');
    seededLedger(path, 3000);
    const ok = await cli(['check', '--db', path]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: /);

    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(path, damaged);
    const size = statSync(damaged).size;
    const fd = openSync(damaged, 'r+');
    // Scribble over pages in the middle of the file (the persons table), leaving page 1 alone.
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const bad = await cli(['check', '--db', damaged]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/problem \[integrity_check\]|damaged/);
  });

  it('check exits 1 with a sentence on a truncated copy, and on a ledger that breaks an invariant', async () => {
    const dir = folder();
    const path = join(dir, 'ledger.sqlite');
    seededLedger(path, 500);
    const cut = join(dir, 'cut.sqlite');
    const bytes = readFileSync(path);
    const fd = openSync(cut, 'w');
    writeSync(fd, bytes, 0, Math.floor(bytes.length / 3));
    closeSync(fd);
    const truncated = await cli(['check', '--db', cut]);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/damaged .*truncated/);

    const ledger = openLedger(path);
    ledger.db.prepare("UPDATE persons SET name_sort_key = 'stale' WHERE id = 1").run();
    ledger.close();
    const broken = await cli(['check', '--db', path]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('problem [name_sort_key]: 1 person(s)');
  });

  it('dump writes persons and placements as jsonl and csv with stable snake_case columns', async () => {
    const path = join(folder(), 'ledger.sqlite');
    seededLedger(path, 2);
    const jsonl = await cli(['dump', 'persons', '--format', 'jsonl', '--db', path]);
    expect(jsonl.code).toBe(0);
    const persons = jsonl.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(persons).toHaveLength(2);
    expect(persons[0]).toMatchObject({
      service_no: '254-00000',
      name: '표혜영',
      sex: 'F',
      birth_date: '1997-06-11',
      discharge_date: '2027-04-23',
      year: 2027,
      term: 'spring',
      home_province: 'kangwon',
      home_county: '원산시',
    });
    const csv = await cli(['dump', 'placements', '--format', 'csv', '--db', path]);
    const [header, first] = csv.stdout.split('\r\n');
    expect(header!.split(',')).toEqual(
      expect.arrayContaining(['service_no', 'dest_province', 'dest_county', 'sector', 'status', 'request_id']),
    );
    const cols = header!.split(',');
    const values = first!.split(',');
    const row = Object.fromEntries(cols.map((c, i) => [c, values[i]]));
    expect(row).toMatchObject({
      service_no: '254-00000',
      dest_province: 'kangwon',
      dest_county: '회양군',
      sector: 'local_factory',
      status: 'decided',
      request_id: '',
      term: 'spring',
    });
    const regions = await cli(['dump', 'regions', '--db', path]);
    expect(regions.stdout.trim().split('\n')).toHaveLength(212);
  });

  it('unknown commands, tables, formats and options print usage and exit 2 without creating a ledger', async () => {
    const dir = folder();
    const path = join(dir, 'never.sqlite');
    for (const args of [
      ['frobnicate', '--db', path],
      ['dump', 'secrets', '--db', path],
      ['dump', 'persons', '--format', 'xml', '--db', path],
      ['stats', '--verbose', '--db', path],
      ['backup', '--db', path],
      ['stats', '--db'],
    ]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage: npm run -s ledger -- <command>');
    }
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a non-SQLite file with a sentence in the clerk’s language and exit 1', async () => {
    const dir = folder();
    const path = join(dir, 'decision.xlsx');
    copyFileSync(join(root, 'package.json'), path);
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    const en = await cli(['stats', '--db', path]);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('is not a Placement Ledger file');
    const ko = await cli(['stats', '--db', path], { LEDGER_LANG: 'ko' });
    expect(ko.stderr).toContain('배치대장 파일이 아닙니다');
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  });

  it('backup makes a verified, consistent copy while another process keeps writing', async () => {
    const dir = folder();
    const path = join(dir, 'ledger.sqlite');
    seededLedger(path, 2000);
    // Another process inserts rows in small transactions the whole time.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.pragma('busy_timeout = 5000');
         const ins = db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
         let i = 0; const end = Date.now() + 4000;
         process.stdout.write('writing\\n');
         while (Date.now() < end) { db.transaction(() => { for (let k = 0; k < 50; k++) ins.run('w' + (i++), 'x'.repeat(200)); })(); }
         db.close();`,
        path,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((r) => writer.on('exit', r));
    await new Promise<void>((r) => writer.stdout!.once('data', () => r()));
    const out = join(dir, 'backup.sqlite');
    const result = await cli(['backup', out, '--db', path]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('backup written and verified');
    await exited;
    const again = await cli(['check', '--db', out]);
    expect(again.code).toBe(0);
    const stats = JSON.parse((await cli(['stats', '--json', '--db', out])).stdout) as { counts: Record<string, number> };
    expect(stats.counts.persons).toBe(2000);
    expect(existsSync(`${out}.partial`)).toBe(false);
    // An existing backup is not overwritten without --force.
    const refused = await cli(['backup', out, '--db', path]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`“${out}” already exists and was not overwritten. Choose another name, or add --force to overwrite it.\n`);
    expect((await cli(['backup', out, '--force', '--db', path])).code).toBe(0);
    const onto = await cli(['backup', path, '--db', path]);
    expect(onto.code).toBe(1);
    expect(onto.stderr).toContain('cannot be written over the ledger file itself');
  });

  it('waits for another process that is writing, then says so clearly and changes nothing', async () => {
    const dir = folder();
    const path = join(dir, 'ledger.sqlite');
    // A ledger one migration behind: opening it means writing (migrating) to it.
    openLedger(path, { targetVersion: 1 }).close();
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(process.argv[1]);
         db.exec("BEGIN IMMEDIATE"); db.prepare("INSERT INTO settings (key, value) VALUES ('held', '1')").run();
         process.stdout.write('locked\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
         db.exec("COMMIT"); db.close();`,
        path,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((r) => holder.on('exit', r));
    await new Promise<void>((r) => holder.stdout!.once('data', () => r()));
    const started = Date.now();
    const busy = await cli(['stats', '--json', '--db', path], { LEDGER_BUSY_TIMEOUT_MS: '600' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('Another program is writing to the ledger');
    await exited;
    const after = await cli(['stats', '--json', '--db', path]);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ migrationLevel: LATEST_VERSION });
    expect((await cli(['check', '--db', path])).code).toBe(0);
  });
});
