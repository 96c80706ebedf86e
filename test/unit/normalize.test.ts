import { describe, expect, it } from 'vitest';
import {
  cleanText,
  formatDateDots,
  normalizeServiceNo,
  parseDateText,
  parseRank,
  parseSector,
  parseSex,
  parseTerm,
} from '../../src/shared/normalize';
import { serialToIso } from '../../src/main/spreadsheet/cells';

describe('normalizing values as clerks and files write them', () => {
  it('reads dates in every form the offices use, and refuses impossible ones', () => {
    for (const text of [
      '2027.03.14',
      '2027.3.14.',
      '2027-03-14',
      '2027/3/14',
      '2027년 3월 14일',
      '2027년3월14일',
      '20270314',
      ' ２０２７.０３.１４ ',
    ]) {
      expect(parseDateText(text), text).toBe('2027-03-14');
    }
    for (const text of ['2027.02.30', '2027.13.01', '14.03.2027', 'spring', '', '2027.03']) {
      expect(parseDateText(text), text).toBeNull();
    }
    expect(formatDateDots('2027-03-14')).toBe('2027.03.14');
    expect(serialToIso(46460)).toBe('2027-03-14');
  });

  it('normalizes service numbers: full-width digits, non-breaking spaces, odd dashes', () => {
    expect(normalizeServiceNo('２５４－１６４０３')).toBe('254-16403');
    expect(normalizeServiceNo('254\u00a0-\u00a016403 ')).toBe('254-16403');
    expect(normalizeServiceNo('254‐16403')).toBe('254-16403');
    expect(normalizeServiceNo('007123')).toBe('007123');
    expect(normalizeServiceNo('')).toBeNull();
    expect(normalizeServiceNo('254/16403')).toBeNull();
  });

  it('reads sex as 남/녀/남자/녀자/여/여자/M/F/male/female', () => {
    for (const t of ['남', '남자', 'M', 'm', 'male', 'Male ']) expect(parseSex(t), t).toBe('M');
    for (const t of ['녀', '녀자', '여', '여자', 'F', 'female']) expect(parseSex(t), t).toBe('F');
    expect(parseSex('?')).toBeNull();
  });

  it('reads terms, sectors and ranks in Korean or English', () => {
    expect(parseTerm('봄')).toBe('spring');
    expect(parseTerm('Fall')).toBe('fall');
    expect(parseTerm('가을')).toBe('fall');
    expect(parseTerm('겨울')).toBeNull();
    expect(parseSector('지방공업공장')).toBe('local_factory');
    expect(parseSector('농촌 살림집 건설')).toBe('rural_housing');
    expect(parseSector('Agricultural work team')).toBe('farm_team');
    expect(parseSector('local factory')).toBe('local_factory');
    expect(parseSector('farm_team')).toBe('farm_team');
    expect(parseRank('특무 상사')).toBe('특무상사');
    expect(parseRank('대좌')).toBeNull();
    // The English UI's words, as a clerk pastes them back.
    expect(parseRank('Junior Sergeant')).toBe('하사');
    expect(parseRank('master-sergeant')).toBe('특무상사');
    expect(parseRank('Colonel')).toBeNull();
    expect(cleanText(' 김\u00a0 철\n')).toBe('김 철');
  });
});

describe('grid cells as clerks type or paste them', () => {
  it('reads a number with thousands commas or a typographic minus, and says why one is refused', async () => {
    const { columnOf, parseCell } = await import('../../src/shared/grids');
    const headcount = columnOf('requests', 'headcount')!;
    expect(parseCell(headcount, '1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseCell(headcount, '−5')).toEqual({ ok: false, rule: 'too_small', limit: 1 });
    expect(parseCell(headcount, '-5')).toEqual({ ok: false, rule: 'too_small', limit: 1 });
    expect(parseCell(headcount, '다섯')).toEqual({ ok: false, rule: 'not_a_number' });
  });
});
