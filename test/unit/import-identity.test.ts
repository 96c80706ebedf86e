// Identity safety of imports: a service number the ledger knows, brought by a file for another
// person (two or more of name, sex and date of birth differ), is an error naming both persons and
// changes nothing unless the clerk accepts it — through the CLI as `ledger import` runs it. A
// one-field correction stays an ordinary update; the same name and birth date under two service
// numbers is a "possible duplicate person" in the dry run and in `ledger check --json`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryPage } from '../../src/main/grid/query';
import { openLedger } from '../../src/main/ledger/open';
import { gridViewSchema } from '../../src/shared/api/grid.contract';
import { displayCell } from '../../src/shared/grid-display';
import { columnOf } from '../../src/shared/grids';
import { ledgerDigest, writePersonsCsv, type PersonLine } from '../helpers/import';
import { runCliCaptured, tempFolders } from '../helpers/unit';

const folder = tempFolders('import-identity-');
const cli = runCliCaptured;

type Row = PersonLine;
const decisionCsv = writePersonsCsv;

const BAEK: Row = { sno: '123-45678', name: '백룡철', sex: '남', birth: '1998.05.08', county: '회양군' };
const OK: Row = { sno: '123-45678', name: '옥금옥', sex: '녀', birth: '2000.04.10', county: '원산시' };

/** A ledger holding 백룡철, placed in 회양군 by an earlier file. */
async function ledgerWithBaek(dir: string): Promise<string> {
  const db = join(dir, 'ledger.sqlite');
  openLedger(db).close(); // only `init` and the app create a ledger
  const first = decisionCsv(join(dir, 'first.csv'), [BAEK, { sno: '123-40001', name: '김철수', sex: '남', birth: '1999.01.02' }]);
  expect((await cli(['import', first, '--db', db])).code).toBe(0);
  return db;
}

function person(db: string, sno: string) {
  const ledger = openLedger(db);
  try {
    return ledger.db
      .prepare(
        `SELECT p.name, p.sex, p.birth_date, r.name_ko AS county FROM persons p
           LEFT JOIN placements pl ON pl.person_id = p.id LEFT JOIN regions r ON r.id = pl.dest_county_id
          WHERE p.service_no = ?`,
      )
      .get(sno) as { name: string; sex: string; birth_date: string; county: string } | undefined;
  } finally {
    ledger.close();
  }
}

function digest(db: string): string {
  const ledger = openLedger(db);
  try {
    return ledgerDigest(ledger.db) + ledger.db.prepare("SELECT group_concat(key || '=' || value) FROM settings").pluck().get();
  } finally {
    ledger.close();
  }
}

describe('identity safety of imports', () => {
  it('refuses a reused service number of another person: exit 1, both persons named, the ledger unchanged', async () => {
    const dir = folder();
    const db = await ledgerWithBaek(dir);
    const second = decisionCsv(join(dir, 'second.csv'), [OK, { sno: '123-40002', name: '정영호', sex: '남', birth: '1999.03.04' }]);
    const before = digest(db);

    const dry = await cli(['import', second, '--db', db, '--dry-run', '--json']);
    expect(dry.code).toBe(1);
    const out = JSON.parse(dry.stdout) as {
      rows: Record<string, number>;
      issues: { row: number; code: string; severity: string; message: string }[];
    };
    expect(out.rows).toEqual({ data: 2, valid: 1, invalid: 1, skipped: 0 });
    const conflict = out.issues.find((i) => i.code === 'identity_conflict')!;
    expect(conflict).toMatchObject({ row: 2, severity: 'error' });
    expect(conflict.message).toBe(
      'Service No. 123-45678 belongs to 백룡철 (M, born 1998.05.08) in the ledger, but the file gives 옥금옥 (F, born 2000.04.10). Two or more of name, sex and date of birth differ, so this is taken for another person and the row is not imported.',
    );

    const refused = await cli(['import', second, '--db', db], { LEDGER_LANG: 'ko' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      '군번 123-45678은(는) 대장에서 백룡철(남, 난날 1998.05.08)의 군번인데 파일에는 옥금옥(녀, 난날 2000.04.10)(으)로 되어 있습니다.',
    );
    expect(refused.stderr).toContain('--allow-identity-change');
    expect(digest(db)).toBe(before);
    expect(person(db, BAEK.sno)).toEqual({ name: '백룡철', sex: 'M', birth_date: '1998-05-08', county: '회양군' });
  });

  it('--skip-invalid commits the other rows and leaves the person of the reused number as he was', async () => {
    const dir = folder();
    const db = await ledgerWithBaek(dir);
    const second = decisionCsv(join(dir, 'second.csv'), [OK, { sno: '123-40002', name: '정영호', sex: '남', birth: '1999.03.04' }]);
    const result = await cli(['import', second, '--db', db, '--skip-invalid', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: { valid: 1, invalid: 1 }, persons: { new: 1, updated: 0 } });
    expect(person(db, BAEK.sno)).toEqual({ name: '백룡철', sex: 'M', birth_date: '1998-05-08', county: '회양군' });
    expect(person(db, '123-40002')).toMatchObject({ name: '정영호' });
  });

  it('--allow-identity-change commits the change and records the consent with the import', async () => {
    const dir = folder();
    const db = await ledgerWithBaek(dir);
    const second = decisionCsv(join(dir, 'second.csv'), [OK]);
    const result = await cli(['import', second, '--db', db, '--allow-identity-change', '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      persons: unknown;
      placements: unknown;
      issues: { code: string; severity: string; message: string }[];
    };
    expect(out).toMatchObject({ persons: { updated: 1 }, placements: { moved: 1 } });
    expect(out.issues.find((i) => i.code === 'identity_changed')).toMatchObject({ severity: 'warning' });
    expect(person(db, OK.sno)).toEqual({ name: '옥금옥', sex: 'F', birth_date: '2000-04-10', county: '원산시' });

    const ledger = openLedger(db);
    try {
      const file = ledger.db.prepare("SELECT id, operation_id FROM decision_files WHERE file_name = 'second.csv'").get() as {
        id: number;
        operation_id: number;
      };
      const consent = ledger.db
        .prepare("SELECT new_value FROM audit_log WHERE operation_id = ? AND entity = 'setting' AND field = ?")
        .pluck()
        .get(file.operation_id, `import.identity_changes.${file.id}`) as string;
      expect(JSON.parse(consent)).toEqual([
        {
          serviceNo: '123-45678',
          personId: expect.any(Number),
          row: 2,
          from: { name: '백룡철', sex: 'M', birthDate: '1998-05-08' },
          to: { name: '옥금옥', sex: 'F', birthDate: '2000-04-10' },
        },
      ]);
      // The History grid names the consent and the persons in the clerk's words.
      const entry = queryPage(ledger.db, 'history', gridViewSchema.parse({}), 0, 200).rows.find((r) => r.entity === 'setting')!;
      expect(displayCell('history', columnOf('history', 'field')!, entry.field, 'ko', null, entry)).toBe('신원 변경 허용');
      expect(displayCell('history', columnOf('history', 'new_value')!, entry.new_value, 'en', null, entry)).toBe(
        '123-45678 백룡철 → 옥금옥',
      );
      const fields = ledger.db
        .prepare("SELECT field, old_value, new_value FROM audit_log WHERE operation_id = ? AND entity = 'person' ORDER BY id")
        .all(file.operation_id);
      expect(fields).toEqual(
        expect.arrayContaining([
          { field: 'name', old_value: '백룡철', new_value: '옥금옥' },
          { field: 'sex', old_value: 'M', new_value: 'F' },
          { field: 'birth_date', old_value: '1998-05-08', new_value: '2000-04-10' },
        ]),
      );
    } finally {
      ledger.close();
    }
  });

  it('keeps a one-field correction (a birth-date typo; 이 → 리) an ordinary update, shown as a correction', async () => {
    const dir = folder();
    const db = await ledgerWithBaek(dir);
    const fixed = decisionCsv(join(dir, 'fixed.csv'), [
      { ...BAEK, birth: '1998.05.18' },
      // 김철수 → 김철수 unchanged; a name spelled with ㄹ where the ledger has ㅇ, and a birth typo: still one field.
      { sno: '123-40001', name: '김철수', sex: '남', birth: '1999.01.02' },
    ]);
    const result = await cli(['import', fixed, '--db', db, '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { persons: unknown; issues: { code: string; message: string }[] };
    expect(out.persons).toEqual({ new: 0, updated: 1, unchanged: 1 });
    expect(out.issues.map((i) => i.code)).toEqual(['person_corrected']);
    expect(out.issues[0]!.message).toBe('Service No. 123-45678: correction of the Date of birth: 1998.05.08 → 1998.05.18');
    expect(person(db, BAEK.sno)).toMatchObject({ name: '백룡철', birth_date: '1998-05-18', county: '회양군' });

    const dir2 = folder();
    const db2 = join(dir2, 'ledger.sqlite');
    openLedger(db2).close();
    expect(
      (
        await cli([
          'import',
          decisionCsv(join(dir2, 'a.csv'), [{ sno: '200-00001', name: '이영철', sex: '남', birth: '1997.07.07' }]),
          '--db',
          db2,
        ])
      ).code,
    ).toBe(0);
    const renamed = await cli(
      [
        'import',
        decisionCsv(join(dir2, 'b.csv'), [{ sno: '200-00001', name: '리영철', sex: '남', birth: '1997.07.17' }]),
        '--db',
        db2,
        '--json',
      ],
      { LEDGER_LANG: 'ko' },
    );
    expect(renamed.code).toBe(0);
    const messages = (JSON.parse(renamed.stdout) as { issues: { code: string; message: string }[] }).issues;
    expect(messages.map((i) => i.code)).toEqual(['person_corrected', 'person_corrected']);
    expect(messages.map((i) => i.message)).toEqual(
      expect.arrayContaining(['군번 200-00001: 성명 바로잡기 이영철 → 리영철', expect.stringContaining('1997.07.07 → 1997.07.17')]),
    );
    expect(person(db2, '200-00001')).toMatchObject({ name: '리영철', birth_date: '1997-07-17' });
  });

  it('warns of possible duplicate persons in the dry run (against the ledger and within the file), and check --json lists them', async () => {
    const dir = folder();
    const db = await ledgerWithBaek(dir);
    const file = decisionCsv(join(dir, 'dups.csv'), [
      { sno: '123-49999', name: '백 룡철', sex: '남', birth: '1998.05.08' },
      { sno: '300-00001', name: '박영호', sex: '남', birth: '1991.02.02' },
      { sno: '300-00002', name: '박영호', sex: '남', birth: '1991.02.02' },
      { sno: '300-00003', name: '박영호', sex: '남', birth: '1991.02.03' },
    ]);
    const dry = await cli(['import', file, '--db', db, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const issues = (JSON.parse(dry.stdout) as { issues: { row: number; code: string; severity: string; message: string }[] }).issues;
    expect(issues.map((i) => [i.row, i.code, i.severity])).toEqual([
      [2, 'possible_duplicate', 'warning'],
      [4, 'possible_duplicate_in_file', 'warning'],
    ]);
    expect(issues[0]!.message).toBe(
      '백 룡철 (born 1998.05.08), service No. 123-49999, may be the same person as 백룡철, service No. 123-45678 in the ledger (possible duplicate person).',
    );
    expect(issues[1]!.message).toContain('service No. 300-00001 in row 3 of this file');

    const clean = await cli(['check', '--db', db, '--json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true, problems: [], possibleDuplicates: { total: 0, pairs: [] } });

    expect((await cli(['import', file, '--db', db])).code).toBe(0);
    const check = await cli(['check', '--db', db, '--json']);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout) as { ok: boolean; possibleDuplicates: { total: number; pairs: unknown[] } };
    expect(report.ok).toBe(true);
    expect(report.possibleDuplicates.total).toBe(2);
    expect(report.possibleDuplicates.pairs).toEqual([
      {
        a: { serviceNo: '300-00001', name: '박영호', birthDate: '1991-02-02' },
        b: { serviceNo: '300-00002', name: '박영호', birthDate: '1991-02-02' },
      },
      {
        a: { serviceNo: '123-45678', name: '백룡철', birthDate: '1998-05-08' },
        b: { serviceNo: '123-49999', name: '백 룡철', birthDate: '1998-05-08' },
      },
    ]);
    const text = await cli(['check', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('possible duplicate person: 123-45678 백룡철 and 123-49999 백 룡철, both born 1998.05.08');
  });
});
