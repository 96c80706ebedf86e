// Cities and counties as files write them, matched against the ledger's regions — and never a
// silent wrong match: unsure or ambiguous names are errors that carry the best guesses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldOfHeader, headerKey, parseTitleLines } from '../../src/main/import/normalize';
import { romanKey } from '../../src/main/regions/romanize';
import { detectLayout } from '../../src/main/import/layout';
import { loadRegionData, RegionMatcher } from '../../src/main/regions/match';
import type { RawRow } from '../../src/main/spreadsheet/read/xlsx';
import { tempLedger } from '../helpers/ledger';

let env: ReturnType<typeof tempLedger>;
let matcher: RegionMatcher;
beforeAll(() => {
  env = tempLedger();
  matcher = new RegionMatcher(loadRegionData(env.ledger.db));
});
afterAll(() => env.cleanup());

function county(text: string, province: string | null = 'kangwon'): string {
  const r = matcher.matchCounty(text, province);
  if (r.kind === 'ok') return r.unit.code;
  if (r.kind === 'ambiguous') return `ambiguous:${r.candidates.map((c) => c.code).join(',')}`;
  return `unknown:${r.guesses.map((c) => c.code).join(',')}`;
}

describe('matching a city/county', () => {
  it('matches Korean names with or without the suffix, with spaces, or with the province in front', () => {
    for (const text of ['회양군', '회양', '회양 군', '강원도 회양군', '강원 회양군', '강원도회양군', ' 회양군 ', '회양군(강원도)']) {
      expect([text, county(text)]).toEqual([text, 'kangwon.hoeyang-gun']);
    }
    expect(county('원산시')).toBe('kangwon.wonsan-si');
    expect(county('원산')).toBe('kangwon.wonsan-si');
  });

  it('matches every common romanization: DPRK, McCune–Reischauer, Revised Romanization, with or without a suffix', () => {
    const cases: [string, string][] = [
      ['Hoeyang', 'kangwon.hoeyang-gun'],
      ['Hoeyang County', 'kangwon.hoeyang-gun'],
      ['Hoeyang-gun', 'kangwon.hoeyang-gun'],
      ['hoeyang gun', 'kangwon.hoeyang-gun'],
      ['Popdong', 'kangwon.poptong-gun'],
      ['Poptong', 'kangwon.poptong-gun'],
      ['Beopdong-gun', 'kangwon.poptong-gun'],
      ['Cholwon', 'kangwon.chorwon-gun'],
      ['Chorwon', 'kangwon.chorwon-gun'],
      ['Cheorwon County', 'kangwon.chorwon-gun'],
      ["Ch'ŏrwŏn-gun", 'kangwon.chorwon-gun'],
      ['Phyonggang', 'kangwon.pyonggang-gun'],
      ["P'yŏnggang", 'kangwon.pyonggang-gun'],
      ['Pyeonggang', 'kangwon.pyonggang-gun'],
      ['Thongchon', 'kangwon.tongchon-gun'],
      ['Tongcheon-gun', 'kangwon.tongchon-gun'],
      ['Sepho', 'kangwon.sepo-gun'],
      ['Phangyo', 'kangwon.pangyo-gun'],
      ['Gimhwa', 'kangwon.kimhwa-gun'],
      ['Geumgang', 'kangwon.kumgang-gun'],
      ['Wonsan City', 'kangwon.wonsan-si'],
      ['Wonsan-si', 'kangwon.wonsan-si'],
      ['Changdo', 'kangwon.changdo-gun'],
      ['Anbyeon', 'kangwon.anbyon-gun'],
    ];
    for (const [text, code] of cases) expect([text, county(text)]).toEqual([text, code]);
  });

  it('matches North Korean and South Korean spellings of initial ㄹ/ㄴ', () => {
    expect(county('룡천군', 'north_pyongan')).toBe('north_pyongan.ryongchon-gun');
    expect(county('용천군', 'north_pyongan')).toBe('north_pyongan.ryongchon-gun');
    expect(county('Yongchon', 'north_pyongan')).toBe('north_pyongan.ryongchon-gun');
    expect(county('Ryongchon', 'north_pyongan')).toBe('north_pyongan.ryongchon-gun');
  });

  it('never guesses silently: unknown names are errors with the best guesses, ambiguous ones list the candidates', () => {
    expect(county('Atlantis')).toBe('unknown:');
    expect(county('무릉도원군')).toBe('unknown:');
    expect(county('해운대군')).toBe('unknown:');
    // A wrong suffix or a slip of one letter is offered, not applied.
    expect(county('회양시')).toBe('unknown:kangwon.hoeyang-gun');
    expect(county('Hoeyangg')).toBe('unknown:kangwon.hoeyang-gun');
    // A county of another province is not a county of this one.
    expect(county('해주시')).toBe('unknown:south_hwanghae.haeju-si');
    // Unsan-gun is both 운산군 (North Pyongan) and 은산군 (South Pyongan): without a province, ambiguous.
    expect(county('Unsan', null)).toMatch(
      /^ambiguous:.*north_pyongan\.unsan-gun.*south_pyongan\.unsan-gun|^ambiguous:.*south_pyongan\.unsan-gun.*north_pyongan\.unsan-gun/,
    );
    expect(county('Unsan', 'north_pyongan')).toBe('north_pyongan.unsan-gun');
    expect(county('고성군', null)).toBe('kangwon.kosong-gun');
  });

  it('matches provinces as written in Korean, short, abbreviated or romanized', () => {
    const cases: [string, string][] = [
      ['강원도', 'kangwon'],
      ['강원', 'kangwon'],
      ['Kangwon', 'kangwon'],
      ['Gangwon-do', 'kangwon'],
      ['kangwon', 'kangwon'],
      ['함경북도', 'north_hamgyong'],
      ['함북', 'north_hamgyong'],
      ['North Hamgyong', 'north_hamgyong'],
      ['Hamgyeongbuk-do', 'north_hamgyong'],
      ['평양시', 'pyongyang'],
      ['평양직할시', 'pyongyang'],
      ['라선시', 'rason'],
      ['남포시', 'nampho'],
      ['Nampo', 'nampho'],
      ['량강도', 'ryanggang'],
      ['양강도', 'ryanggang'],
      ['South Hwanghae', 'south_hwanghae'],
    ];
    for (const [text, code] of cases) expect([text, matcher.matchProvince(text)?.code ?? null]).toEqual([text, code]);
    expect(matcher.matchProvince('경기도')).toBeNull();
  });

  it('gives one romanization key to the spellings of one name', () => {
    expect(new Set(['Pyonggang', "P'yŏnggang", 'Phyonggang', 'Pyeonggang'].map(romanKey)).size).toBe(1);
  });
});

function row(n: number, cells: (string | number)[]): RawRow {
  return { row: n, cells, hidden: false };
}

describe('finding the header', () => {
  it('knows the synonyms of DOMAIN.md with stray spaces and line breaks, in Korean and English', () => {
    expect(fieldOfHeader('decision', '군 번')).toBe('serviceNo');
    expect(fieldOfHeader('decision', '성\n명')).toBe('name');
    expect(fieldOfHeader('decision', '고향(시·군)')).toBe('homeCounty');
    expect(fieldOfHeader('decision', '배치지(시,군)')).toBe('destCounty');
    expect(fieldOfHeader('decision', '난날')).toBe('birthDate');
    expect(fieldOfHeader('decision', '제대날짜')).toBe('dischargeDate');
    expect(fieldOfHeader('decision', 'Service number')).toBe('serviceNo');
    expect(fieldOfHeader('decision', 'DOB')).toBe('birthDate');
    expect(fieldOfHeader('decision', 'Remarks')).toBe('notes');
    expect(fieldOfHeader('decision', '#')).toBe('rowNo');
    expect(fieldOfHeader('decision', 'Province', 'Destination')).toBe('destProvince');
    expect(fieldOfHeader('decision', 'County', 'Destination')).toBe('destCounty');
    expect(fieldOfHeader('requests', '요구인원')).toBe('headcount');
    expect(headerKey(' 배치 시,군 ')).toBe(headerKey('배치시,군'));
  });

  it('finds a header under title rows, and a two-row header under an English group cell', () => {
    const layout = detectLayout([
      row(1, ['Decision on the placement of discharged soldiers']),
      row(2, ['Decision No.: BMB-2027-031', '', 'Date: 2027.02.01']),
      row(4, ['No.', 'Service No.', 'Name', 'Sex', 'Date of birth', 'Destination', '', '', 'Notes']),
      row(5, ['', '', '', '', '', 'Province', 'County', 'Sector', '']),
      row(6, [1, '254-16403', '표혜영', 'F', '1997.06.11', 'Kangwon', 'Hoeyang', 'local factory', '']),
    ])!;
    expect(layout).toMatchObject({ kind: 'decision', headerRows: [4, 5], headerRow: 5, missing: [] });
    expect(layout.columns.map((c) => c.field)).toEqual([
      'rowNo',
      'serviceNo',
      'name',
      'sex',
      'birthDate',
      'destProvince',
      'destCounty',
      'sector',
      'notes',
    ]);
    expect(parseTitleLines(['Decision No.: BMB-2027-031', 'Date of decision: 2027.02.01', 'Spring 2027'])).toEqual({
      decisionNo: 'BMB-2027-031',
      decisionDate: '2027-02-01',
      year: 2027,
      term: 'spring',
    });
  });

  it('applies a remembered mapping for the same headers, then the clerk’s corrections', () => {
    const rows = [row(1, ['번호', '군번', '이름', '고향', '배치지']), row(2, [1, '254-16403', '표혜영', '원산', '회양군'])];
    const auto = detectLayout(rows)!;
    expect(auto.columns.map((c) => c.field)).toEqual(['rowNo', 'serviceNo', 'name', null, null]);
    const remembered = detectLayout(rows, {
      remembered: [{ signature: auto.signature, kind: 'decision', mapping: { '3': 'homeCounty', '4': 'destCounty' } }],
    })!;
    expect(remembered.remembered).toBe(true);
    expect(remembered.columns.map((c) => [c.field, c.source])).toEqual([
      ['rowNo', 'auto'],
      ['serviceNo', 'auto'],
      ['name', 'auto'],
      ['homeCounty', 'remembered'],
      ['destCounty', 'remembered'],
    ]);
    const corrected = detectLayout(rows, { mapping: { '4': null, '3': 'destCounty' } })!;
    expect(corrected.fieldColumns.destCounty).toBe(3);
    expect(corrected.columns[4]!.field).toBeNull();
  });
});
