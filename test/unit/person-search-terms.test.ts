import { describe, expect, it } from 'vitest';
import { personSearchQuery, personSearchTerms } from '../../src/main/persons/search';

// The search index's terms (persons/search.ts), written out by hand: name syllables in South
// Korean spelling, then the service number's three-character pieces and its last two and last
// one character, each marked with "n".
describe('personSearchTerms', () => {
  it('spells Hangul names the South Korean way, one syllable a term', () => {
    expect(personSearchTerms('리효성', '100-00017')).toBe('이 효 성 n100 n000 n000 n000 n001 n017 n17 n7');
    expect(personSearchTerms('녀명', '7')).toBe('여 명 n7');
  });

  it('reads letters of other scripts one by one, in lower case', () => {
    expect(personSearchTerms('Kim 철', 'AB-12')).toBe('k i m 철 nab1 nb12 n12 n2');
    expect(personSearchTerms('ÉVA', 'x9')).toBe('é v a nx9 n9');
  });

  it('reads full-width and odd service numbers as a clerk typed them', () => {
    expect(personSearchTerms('김', 'ＡＢ－１２')).toBe('김 nab1 nb12 n12 n2');
    expect(personSearchTerms('김', ' 1_2.3 ')).toBe('김 n123 n23 n3');
    expect(personSearchTerms('김', 'Z')).toBe('김 nz');
  });

  it('leaves out what is missing or not text', () => {
    expect(personSearchTerms(null, '')).toBe('');
    expect(personSearchTerms('', 'AB-1')).toBe('nab1 nb1 n1');
    expect(personSearchTerms('김', 42)).toBe('김');
    expect(personSearchTerms(7, null)).toBe('');
    expect(personSearchTerms('--', '--')).toBe('');
  });

  it('makes queries from the same terms', () => {
    expect(personSearchQuery('이효')).toBe('"이 효"');
    expect(personSearchQuery('ab')).toBe('("a b" OR "nab" *)');
  });
});
