// Hangul syllables by their parts (initial, vowel, final), for the places that must treat the
// North and South Korean spellings of one name alike.

export const HANGUL_FIRST = 0xac00;
export const HANGUL_LAST = 0xd7a3;
/** Unicode initials ㄴ, ㄹ, ㅇ. */
export const NIEUN = 2;
export const RIEUL = 5;
export const IEUNG = 11;
/** Vowels that take ㅇ for ㄹ/ㄴ in South Korean spelling: ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ. */
export const Y_VOWELS: ReadonlySet<number> = new Set([2, 3, 6, 7, 12, 17, 20]);

/**
 * The South Korean spelling of one syllable (두음법칙): 리 → 이, 류 → 유, 녀 → 여, 로 → 노,
 * 라 → 나. Any other character comes back unchanged.
 */
export function dueumSyllable(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < HANGUL_FIRST || cp > HANGUL_LAST) return ch;
  const offset = cp - HANGUL_FIRST;
  const initial = Math.floor(offset / 588);
  const vowel = Math.floor((offset % 588) / 28);
  let next = initial;
  if (initial === RIEUL) next = Y_VOWELS.has(vowel) ? IEUNG : NIEUN;
  else if (initial === NIEUN && Y_VOWELS.has(vowel)) next = IEUNG;
  return next === initial ? ch : String.fromCodePoint(cp + (next - initial) * 588);
}

/** `text` with its first syllable in South Korean spelling (리영 → 이영, 녕변 → 영변). */
export function dueumVariant(text: string): string {
  if (text === '') return text;
  const first = String.fromCodePoint(text.codePointAt(0)!);
  return dueumSyllable(first) + text.slice(first.length);
}

export function isHangulSyllable(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return cp >= HANGUL_FIRST && cp <= HANGUL_LAST;
}

/**
 * The word with the particle 로/으로 as Korean grammar wants it: 으로 after a final consonant other
 * than ㄹ (농업근로작업반으로, 지방공업공장으로), 로 after a vowel or ㄹ (기타로, 평양시로 → 시: 로).
 */
export function withRo(word: string): string {
  const last = word.codePointAt(word.length - 1) ?? 0;
  if (last < HANGUL_FIRST || last > HANGUL_LAST) return `${word}(으)로`;
  const final = (last - HANGUL_FIRST) % 28;
  return final === 0 || final === 8 ? `${word}로` : `${word}으로`;
}
