// Whatever a decision file holds, what the import writes satisfies every rule the ledger's tables
// declare (CHECK, NOT NULL, UNIQUE, foreign keys): a file of messy and wrong values — every
// spelling of sex, rank, date and sector the Bureau uses, and junk — is imported with its bad rows
// left out, and the ledger's own integrity check (which re-evaluates every CHECK constraint) and
// foreign-key check pass on the result.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rng } from '../../bench/lib/fill-ledger';
import { checkLedger } from '../../src/main/check/check';
import { DECISION_HEADER, importFile, writeXlsx, type CellIn } from '../helpers/import';
import { tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
/** Mostly the first list (spellings the import accepts), sometimes the second (what it must refuse). */
const mostly = <T>(random: () => number, good: readonly T[], bad: readonly T[]): T =>
  random() < 0.9 ? pick(random, good) : pick(random, bad);

const SERVICE = (random: () => number, i: number): CellIn =>
  mostly(
    random,
    [
      `${100 + (i % 800)}-${10000 + i}`,
      `${100 + (i % 800)}－${10000 + i}` /* full-width hyphen */,
      ` ${100 + (i % 800)}-${10000 + i} `,
      `A${i}-${i % 7}`,
    ],
    ['없음', '', `${100 + (i % 800)}-${10000 + i}!`, `${100 + (i % 800)}-${10000 + i}`.replace('-', '--')],
  );
const NAMES: [string[], string[]] = [
  ['리철수', '김 영희', '  박명호 ', 'Kim Chol', '최순옥\n', '림은정(녀)'],
  ['', ' '],
];
const SEX: [string[], string[]] = [
  ['남', '녀', '여', '남자', '녀자', '여자', 'M', 'F', 'male', 'Female', ''],
  ['x', '중'],
];
const RANK: [string[], string[]] = [
  ['전사', '상등병', '하사', '중사', '상사', '특무상사', '', '하 사'],
  ['소위', '병사'],
];
const BIRTH = (random: () => number): CellIn =>
  mostly<CellIn>(
    random,
    [{ date: 35000 + Math.floor(random() * 4000) }, '2001.03.04', '2001-3-4', '2001년 3월 4일', '２００１．０３．０４', ''],
    ['2001.13.40', '어제', '1899.12.31', 20010304],
  );
const DISCHARGE = (random: () => number): CellIn =>
  mostly<CellIn>(
    random,
    [{ date: 46400 + Math.floor(random() * 200) }, '2027.04.20', '2027-4-1', '2027년 4월 20일', ''],
    ['2027.02.30', '래일'],
  );
const TERM: [string[], string[]] = [['봄', '여름', '가을', 'spring'], ['겨울']];
const SECTOR: [string[], string[]] = [
  ['지방공업공장', '농촌살림집건설', '농업근로작업반', '기타', '공장', 'farm team'],
  ['탄광', '건설'],
];
const COUNTY: [string[], string[]] = [
  ['회양군', '평강', 'Hoeyang', 'Hoeyang-gun', 'Wonsan City', '원산시', '강원도 철원군'],
  ['무릉도원군', ''],
];

describe('what an import writes keeps every rule of the ledger', () => {
  it('imports a file of messy and wrong values with its bad rows left out, and the ledger passes its integrity check', async () => {
    const { ledger, dir, cleanup } = tempLedger();
    cleanups.push(cleanup);
    const random = rng(4242);
    const rows: CellIn[][] = [DECISION_HEADER];
    for (let i = 0; i < 3000; i++) {
      rows.push([
        i + 1,
        SERVICE(random, i),
        mostly(random, ...NAMES),
        mostly(random, ...SEX),
        BIRTH(random),
        pick(random, ['제1234군부대', '', '조선인민군 제 100 군부대']),
        mostly(random, ...RANK),
        DISCHARGE(random),
        mostly(random, ...TERM),
        pick(random, ['강원도', '평안남도', '', '함경북도']),
        pick(random, ['원산시', '', '청진시']),
        pick(random, ['용접', '', '미장공']),
        pick(random, ['고중', '대학', '']),
        pick(random, ['강원도', '', 'Kangwon']),
        mostly(random, ...COUNTY),
        mostly(random, ...SECTOR),
        pick(random, ['', '비고', '=SUM(A1)']),
      ]);
    }
    const path = join(dir, 'messy.xlsx');
    await writeXlsx(path, { strings: 'shared', sheets: [{ name: '배치명단', rows: () => rows }] });
    // Through its own connection, as the app imports (where CHECKs are not evaluated again).
    const { report } = await importFile(ledger, path, {
      skipInvalid: true,
      options: { year: 2027 },
      separateWriter: true,
      backupDir: join(dir, 'backups'),
    });
    expect(report.committed).toBe(true);
    expect(report.rows.valid).toBeGreaterThan(1000);
    expect(report.rows.invalid).toBeGreaterThan(300);
    const db = ledger.db;
    expect(db.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(report.persons.new);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
