// A romanization key that lets `Hoeyang`, `Hoeyang-gun`, `P'yŏnggang`, `Pyeonggang`, `Popdong`
// and `Poptong` meet the ledger's Korean region names (regions/match.ts), and a capped edit
// distance for near misses.
import { cleanText } from '../../shared/normalize';

// ---- romanization --------------------------------------------------------------------------

const RR_INITIALS = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const RR_VOWELS = [
  'a',
  'ae',
  'ya',
  'yae',
  'eo',
  'e',
  'yeo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'eu',
  'ui',
  'i',
];
const RR_FINALS = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];

/** Hangul → Revised Romanization, syllable by syllable (enough for matching keys). */
export function romanizeHangul(text: string): string {
  let out = '';
  const chars = [...text.normalize('NFC')];
  for (let i = 0; i < chars.length; i++) {
    const cp = chars[i]!.codePointAt(0)!;
    if (cp < 0xac00 || cp > 0xd7a3) {
      out += chars[i];
      continue;
    }
    const off = cp - 0xac00;
    const ini = Math.floor(off / 588);
    const vow = Math.floor((off % 588) / 28);
    const fin = off % 28;
    out += RR_INITIALS[ini]! + RR_VOWELS[vow]!;
    const next = chars[i + 1]?.codePointAt(0) ?? 0;
    const nextStartsWithVowel = next >= 0xac00 && next <= 0xd7a3 && Math.floor((next - 0xac00) / 588) === 11;
    // ㄹ before a vowel is r (철원 → Cheorwon); other finals keep their plain value.
    out += fin === 8 && nextStartsWithVowel ? 'r' : RR_FINALS[fin]!;
  }
  return out;
}

/**
 * A loose key for romanized names: DPRK (Phyonggang, Thongchon), McCune–Reischauer with or
 * without diacritics (P'yŏnggang, Chorwon) and Revised Romanization (Pyeonggang, Cheorwon,
 * Beopdong) of one name meet in the same key.
 */
export function romanKey(text: string): string {
  let s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  s = s
    .replace(/eo/g, 'o')
    .replace(/eu/g, 'u')
    .replace(/ph/g, 'p')
    .replace(/th/g, 't')
    .replace(/kh/g, 'k')
    .replace(/tch/g, 'c')
    .replace(/ch/g, 'c')
    .replace(/sh/g, 's')
    .replace(/j/g, 'c')
    .replace(/ng/g, 'N')
    .replace(/b/g, 'p')
    .replace(/d/g, 't')
    .replace(/g/g, 'k')
    .replace(/r/g, 'l')
    .replace(/([a-zN])\1+/g, '$1');
  return s;
}

const ROMAN_SUFFIX_RE =
  /[\s\-_]+(?:county|city|district|ward|workers'?\s*district|province|special\s*city|municipality|gun|kun|si|shi|guyok|kuyok|gu|ku|chigu|jigu|do|to|bukto|namdo)\.?$/i;

/** `Hoeyang-gun`, `Hoeyang County`, `Hoeyang` → `Hoeyang` (suffix words removed, once). */
export function stripRomanSuffix(text: string): string {
  const trimmed = cleanText(text).replace(/\s*\(.*\)\s*$/, '');
  const stripped = trimmed.replace(ROMAN_SUFFIX_RE, '');
  return stripped.length >= 2 ? stripped : trimmed;
}

export function hasLatin(text: string): boolean {
  return /[A-Za-z]/.test(text);
}

export function hasHangul(text: string): boolean {
  return /[\uAC00-\uD7A3]/.test(text);
}

/** Levenshtein distance, capped: returns cap+1 once it is certain to exceed cap. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let best = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      const v = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
      prev[j] = v;
      if (v < best) best = v;
    }
    if (best > cap) return cap + 1;
  }
  return prev[b.length]!;
}
