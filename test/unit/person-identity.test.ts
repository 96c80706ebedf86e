// Who a person is: name (spaces and the initial ㄹ/ㄴ of North Korean spelling aside), sex and
// date of birth; two or more differing make another person.
import { describe, expect, it } from 'vitest';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { identityDifferences, identityNameKey, isIdentityConflict, nameSpellings } from '../../src/main/domain/person-identity';

describe('person identity', () => {
  it('takes a name spelled with or without the initial ㄹ/ㄴ, or with spaces, for the same name', () => {
    for (const [a, b] of [
      ['리영철', '이영철'],
      ['림영호', '임영호'],
      ['류정순', '유정순'],
      ['로철수', '노철수'],
      ['라명희', '나명희'],
      ['김룡철', '김용철'],
      ['녀명', '여명'],
      ['백 룡철', '백룡철'],
      ['Kim Chol', 'kimchol'],
    ]) {
      expect(identityNameKey(a!), `${a} / ${b}`).toBe(identityNameKey(b!));
    }
    // Inside a given name ㄹ and ㄴ are letters of their own; other names stay other names.
    for (const [a, b] of [
      ['김철란', '김철안'],
      ['리영철', '리영칠'],
      ['박나라', '박나나'],
    ]) {
      expect(identityNameKey(a!), `${a} / ${b}`).not.toBe(identityNameKey(b!));
    }
  });

  it('lists the spellings a ledger may hold for a name, by which its sort key is looked up', () => {
    expect(nameSpellings('이영철').sort()).toEqual([
      '니녕철',
      '니령철',
      '니영철',
      '리녕철',
      '리령철',
      '리영철',
      '이녕철',
      '이령철',
      '이영철',
    ]);
    expect(nameSpellings('백 룡철')).toEqual(['백용철', '백룡철', '백뇽철']);
    expect(new Set(nameSpellings('김철수').map((n) => identityNameKey(n)))).toEqual(new Set([identityNameKey('김철수')]));
    expect(nameSpellings('리영철').map(nkSortKey)).toContain(nkSortKey('이영철'));
  });

  it('counts the differing fields: one is a correction, two or more another person; an empty value agrees', () => {
    const baek = { name: '백룡철', sex: 'M', birthDate: '1998-05-08' };
    expect(identityDifferences(baek, { name: '옥금옥', sex: 'F', birthDate: '2000-04-10' })).toEqual(['name', 'sex', 'birthDate']);
    expect(isIdentityConflict(baek, { name: '옥금옥', sex: 'F', birthDate: '2000-04-10' })).toBe(true);
    expect(isIdentityConflict(baek, { name: '백룡철', sex: 'M', birthDate: '1998-05-18' })).toBe(false);
    expect(isIdentityConflict(baek, { name: '백용철', sex: 'M', birthDate: '1998-05-18' })).toBe(false);
    expect(isIdentityConflict(baek, { name: '옥금옥', sex: null, birthDate: null })).toBe(false);
    expect(isIdentityConflict(baek, { name: '옥금옥', sex: 'M', birthDate: '2000-04-10' })).toBe(true);
  });
});
