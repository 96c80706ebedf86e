// North Korean dictionary order for Hangul (DOMAIN.md): syllables compare by initial, then vowel,
// then final, each in the order the North Korean dictionaries use. `nkSortKey` turns a string into
// a key whose plain binary (memcmp) order is that order, so SQLite can index and sort it.

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

// Unicode index → North Korean rank.
// Unicode initials: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
// NK order:         ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅅ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ ㄲ ㄸ ㅃ ㅆ ㅉ ㅇ
const INITIAL_RANK = [0, 13, 1, 2, 14, 3, 4, 5, 15, 6, 16, 18, 7, 17, 8, 9, 10, 11, 12];
// Unicode vowels: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
// NK order:       ㅏ ㅑ ㅓ ㅕ ㅗ ㅛ ㅜ ㅠ ㅡ ㅣ ㅐ ㅒ ㅔ ㅖ ㅚ ㅟ ㅢ ㅘ ㅝ ㅙ ㅞ
const VOWEL_RANK = [0, 10, 1, 11, 2, 12, 3, 13, 4, 17, 19, 14, 5, 6, 18, 20, 15, 7, 8, 16, 9];
// Unicode finals: (none) ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
// NK order: (none) ㄱ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ ㄲ ㅆ
const FINAL_RANK = [0, 1, 26, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 27, 19, 20, 21, 22, 23, 24, 25];

// Character classes, in the order they sort: spaces and punctuation, digits, Latin, Hangul, other.
const CLASS_SPACE = '0';
const CLASS_DIGIT = '1';
const CLASS_LATIN = '2';
const CLASS_HANGUL = '3';
const CLASS_OTHER = '4';

/** Printable ASCII digit for a rank 0..93, so keys stay readable in a dump. */
function rankChar(rank: number): string {
  return String.fromCharCode(0x21 + rank);
}

function hex6(codePoint: number): string {
  return codePoint.toString(16).padStart(6, '0');
}

/**
 * A key whose binary order is North Korean dictionary order. Hangul syllables become four
 * characters (class, initial, vowel, final); other characters a class and their code point, so
 * keys of the same class compare unit by unit. Whitespace runs fold to one space; Latin letters
 * compare case-insensitively.
 */
export function nkSortKey(text: string): string {
  let key = '';
  let lastWasSpace = false;
  for (const ch of text.normalize('NFC').trim()) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= HANGUL_FIRST && cp <= HANGUL_LAST) {
      const offset = cp - HANGUL_FIRST;
      const initial = Math.floor(offset / 588);
      const vowel = Math.floor((offset % 588) / 28);
      const final = offset % 28;
      key += CLASS_HANGUL + rankChar(INITIAL_RANK[initial] ?? 0) + rankChar(VOWEL_RANK[vowel] ?? 0) + rankChar(FINAL_RANK[final] ?? 0);
      lastWasSpace = false;
    } else if (/\s/u.test(ch)) {
      if (!lastWasSpace) key += CLASS_SPACE + hex6(0x20);
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
      if (cp >= 0x30 && cp <= 0x39) key += CLASS_DIGIT + hex6(cp);
      else if (/[A-Za-z]/.test(ch)) key += CLASS_LATIN + hex6(ch.toLowerCase().codePointAt(0) ?? cp);
      else if (cp < 0x80) key += CLASS_SPACE + hex6(cp);
      else key += CLASS_OTHER + hex6(cp);
    }
  }
  return key;
}

/** Compares two strings in North Korean dictionary order. */
export function compareNk(a: string, b: string): number {
  const ka = nkSortKey(a);
  const kb = nkSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
