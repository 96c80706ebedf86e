// Who a person is, as far as the ledger can tell: name, sex and date of birth. A service number
// is the key, but the Bureau reuses numbers and clerks mistype them; so when a file brings a
// service number the ledger knows, these three decide whether it is the same person corrected
// (at most one of them differs: an ordinary update) or another person under the same number (two
// or more differ: an identity conflict, never applied without the clerk's explicit consent).
//
// Names compare after normalisation: spaces are ignored, and the initial ㄹ/ㄴ that North Korean
// spelling keeps and South Korean spelling drops (리/이, 림/임, 류/유, 로/노, 녀/여, 룡/용) are the
// same name — written one way in one file and the other way in another, they are a spelling, not
// another person. Only the first two syllables are folded: the surname and the given name's first
// syllable, where the rule applies; inside a given name ㄹ and ㄴ are letters of their own.

import { dueumSyllable, HANGUL_FIRST, HANGUL_LAST, IEUNG, NIEUN, RIEUL, Y_VOWELS } from '../../shared/hangul';

// The rule itself is hangul.ts's (one rule for names, regions and search).
const foldInitial = dueumSyllable;

/** The spellings of a syllable that fold to the same one (at most ㅇ, ㄹ, ㄴ forms). */
function initialVariants(ch: string): string[] {
  const code = ch.charCodeAt(0);
  if (code < HANGUL_FIRST || code > HANGUL_LAST) return [ch];
  const base = foldInitial(ch);
  const baseCode = base.charCodeAt(0);
  const offset = baseCode - HANGUL_FIRST;
  const initial = Math.floor(offset / 588);
  const vowel = Math.floor((offset % 588) / 28);
  const out = [base];
  const withInitial = (i: number) => String.fromCharCode(baseCode + (i - initial) * 588);
  if (initial === IEUNG && Y_VOWELS.has(vowel)) out.push(withInitial(RIEUL), withInitial(NIEUN));
  else if (initial === NIEUN && !Y_VOWELS.has(vowel)) out.push(withInitial(RIEUL));
  return out;
}

/** The name as identity compares it: no spaces, lower case, ㄹ/ㄴ initials folded. */
export function identityNameKey(name: string): string {
  const compact = name.normalize('NFC').replace(/\s+/g, '').toLowerCase();
  const chars = [...compact];
  for (let i = 0; i < Math.min(2, chars.length); i++) chars[i] = foldInitial(chars[i]!);
  return chars.join('');
}

/**
 * The spellings of a name (without spaces) that share its identity key: the name a ledger may
 * hold for the same person (at most 9). Used to look a name up by the ledger's indexed sort key.
 */
export function nameSpellings(name: string): string[] {
  const chars = [...name.normalize('NFC').replace(/\s+/g, '')];
  let out = [''];
  chars.forEach((ch, i) => {
    const options = i < 2 ? initialVariants(ch) : [ch];
    out = out.flatMap((prefix) => options.map((o) => prefix + o));
  });
  return out;
}

export interface IdentityFields {
  name: string;
  sex: string | null;
  birthDate: string | null;
}

export type IdentityField = 'name' | 'sex' | 'birthDate';

/**
 * The identity fields in which two records of a person disagree. An unknown value (null) agrees
 * with anything: a file that leaves a cell empty does not change who the person is.
 */
export function identityDifferences(ledger: IdentityFields, file: IdentityFields): IdentityField[] {
  const out: IdentityField[] = [];
  if (identityNameKey(ledger.name) !== identityNameKey(file.name)) out.push('name');
  if (ledger.sex !== null && file.sex !== null && ledger.sex !== file.sex) out.push('sex');
  if (ledger.birthDate !== null && file.birthDate !== null && ledger.birthDate !== file.birthDate) out.push('birthDate');
  return out;
}

/** Two or more of name, sex and date of birth differ: another person, not a correction. */
export function isIdentityConflict(ledger: IdentityFields, file: IdentityFields): boolean {
  return identityDifferences(ledger, file).length >= 2;
}
