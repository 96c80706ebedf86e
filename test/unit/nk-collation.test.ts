import { describe, expect, it } from 'vitest';
import { compareNk, nkSortKey } from '../../src/main/domain/nk-collation';

const sortNk = (names: string[]) => [...names].sort(compareNk);

describe('North Korean dictionary order', () => {
  it('orders initials ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅅ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ ㄲ ㄸ ㅃ ㅆ ㅉ ㅇ (silent ㅇ last)', () => {
    const byInitial = ['가', '나', '다', '라', '마', '바', '사', '자', '차', '카', '타', '파', '하', '까', '따', '빠', '싸', '짜', '아'];
    expect(sortNk([...byInitial].reverse())).toEqual(byInitial);
  });

  it('orders vowels ㅏ ㅑ ㅓ ㅕ ㅗ ㅛ ㅜ ㅠ ㅡ ㅣ ㅐ ㅒ ㅔ ㅖ ㅚ ㅟ ㅢ ㅘ ㅝ ㅙ ㅞ', () => {
    const byVowel = [
      '가',
      '갸',
      '거',
      '겨',
      '고',
      '교',
      '구',
      '규',
      '그',
      '기',
      '개',
      '걔',
      '게',
      '계',
      '괴',
      '귀',
      '긔',
      '과',
      '궈',
      '괘',
      '궤',
    ];
    expect(sortNk([...byVowel].reverse())).toEqual(byVowel);
  });

  it('orders finals with ㄲ and ㅆ after ㅎ', () => {
    const byFinal = ['가', '각', '간', '갇', '갈', '감', '갑', '갓', '강', '갖', '갗', '갘', '같', '갚', '갛', '갂', '갔'];
    expect(sortNk([...byFinal].reverse())).toEqual(byFinal);
  });

  it('sorts surnames the way North Korean rosters print them, unlike Unicode order', () => {
    const names = ['안영철', '리철진', '김철', '최명희', '오영수', '박순희', '림은정', '강철'];
    expect(sortNk(names)).toEqual(['강철', '김철', '리철진', '림은정', '박순희', '최명희', '안영철', '오영수']);
    // Unicode (South Korean) order would put 안/오 before 최 and 리 after 박.
    expect([...names].sort()).not.toEqual(sortNk(names));
  });

  it('puts a shorter name first when it is a prefix, and folds spaces', () => {
    expect(compareNk('김', '김철')).toBeLessThan(0);
    expect(nkSortKey(' 김  철 ')).toBe(nkSortKey('김 철'));
  });

  it('keys compare as plain binary strings (SQLite BINARY collation)', () => {
    const names = ['하나', '까치', '아이', '가방', 'Kim', '123'];
    const byKey = [...names].sort((a, b) => Buffer.compare(Buffer.from(nkSortKey(a)), Buffer.from(nkSortKey(b))));
    expect(byKey).toEqual(sortNk(names));
    expect(byKey).toEqual(['123', 'Kim', '가방', '하나', '까치', '아이']);
  });
});

describe('Korean particles', () => {
  it('writes 으로 after a final consonant other than ㄹ, 로 after a vowel or ㄹ', async () => {
    const { withRo } = await import('../../src/shared/hangul');
    expect(['농업근로작업반', '지방공업공장', '기타', '원산시', '농촌살림집건설', 'Other'].map(withRo)).toEqual([
      '농업근로작업반으로',
      '지방공업공장으로',
      '기타로',
      '원산시로',
      '농촌살림집건설로',
      'Other(으)로',
    ]);
  });
});
