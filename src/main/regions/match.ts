// Matching a province or a city/county as a file writes it (회양군, 회양, 회양 군, 강원도 회양군,
// Hoeyang, Hoeyang County, Hoeyang-gun, P'yŏnggang, Pyeonggang …) against the ledger's regions.
// A match is made only when exactly one region fits; otherwise the row is an error that names
// the best guesses, so the clerk decides — never a silent wrong match. The one matcher for the
// import, the grid's edits and pastes: a spelling one accepts, the others accept.
import type Database from 'better-sqlite3';
import { shortEnglishName } from '../../shared/domain';
import { cleanText } from '../../shared/normalize';
import { editDistance, hasHangul, hasLatin, romanizeHangul, romanKey, stripRomanSuffix } from './romanize';
import { dueumVariant } from '../../shared/hangul';

export interface ProvinceRef {
  id: number;
  code: string;
  nameKo: string;
  nameEn: string;
}

export interface UnitRef {
  id: number;
  code: string;
  provinceCode: string;
  provinceKo: string;
  nameKo: string;
  nameEn: string;
  type: string;
}

export interface RegionData {
  provinces: ProvinceRef[];
  units: UnitRef[];
}

export type CountyHow = 'exact' | 'suffix' | 'prefix' | 'romanized' | 'variant' | 'clerk';

export type CountyResult =
  { kind: 'ok'; unit: UnitRef; how: CountyHow } | { kind: 'ambiguous'; candidates: UnitRef[] } | { kind: 'unknown'; guesses: UnitRef[] };

export function loadRegionData(db: Database.Database): RegionData {
  const provinces = db
    .prepare<[], { id: number; code: string; name_ko: string; name_en: string }>(
      'SELECT id, code, name_ko, name_en FROM regions WHERE level = 1 ORDER BY id',
    )
    .all()
    .map((r) => ({ id: r.id, code: r.code, nameKo: r.name_ko, nameEn: r.name_en }));
  const units = db
    .prepare<[], { id: number; code: string; province_code: string; province_ko: string; name_ko: string; name_en: string; type: string }>(
      `SELECT u.id, u.code, p.code AS province_code, p.name_ko AS province_ko, u.name_ko, u.name_en, u.type
         FROM regions u JOIN regions p ON p.id = u.parent_id WHERE u.level = 2 ORDER BY u.id`,
    )
    .all()
    .map((r) => ({
      id: r.id,
      code: r.code,
      provinceCode: r.province_code,
      provinceKo: r.province_ko,
      nameKo: r.name_ko,
      nameEn: r.name_en,
      type: r.type,
    }));
  return { provinces, units };
}

const KO_SUFFIXES = ['구역', '지구', '시', '군', '구'];

function koBase(name: string): { base: string; suffix: string } {
  for (const s of KO_SUFFIXES) if (name.length > s.length && name.endsWith(s)) return { base: name.slice(0, -s.length), suffix: s };
  return { base: name, suffix: '' };
}

function provinceKoForms(p: ProvinceRef): string[] {
  const forms = new Set<string>([p.nameKo]);
  const base = p.nameKo.replace(/(직할시|특별시|도)$/, '');
  forms.add(base);
  if (/(직할시|특별시)$/.test(p.nameKo)) forms.add(`${base}시`);
  const dir = /^(.)(.)(북|남)$/.exec(base);
  if (dir) {
    forms.add(`${dir[1]}${dir[3]}`); // 함북, 평남 …
    forms.add(`${base}도`);
  }
  for (const f of [...forms]) forms.add(dueumVariant(f));
  return [...forms];
}

function provinceRomanKeys(p: ProvinceRef): string[] {
  const outer = shortEnglishName(p.nameEn);
  const inner = /\((.*)\)/.exec(p.nameEn)?.[1] ?? '';
  const keys = new Set<string>();
  for (const form of [outer, inner, romanizeHangul(p.nameKo.replace(/(직할시|특별시|도)$/, ''))]) {
    if (form.trim() !== '') keys.add(provinceRomanKey(form));
  }
  for (const k of [...keys]) if (k.startsWith('l')) keys.add(k.slice(1));
  return [...keys];
}

function provinceRomanKey(text: string): string {
  let s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .trim();
  let dir = '';
  const m = /^(north|south|n\.|s\.|n|s)\s+(.*)$/.exec(s);
  if (m) {
    dir = m[1]!.startsWith('n') ? 'buk' : 'nam';
    s = m[2]!;
  }
  s = s
    .replace(/\s*(province|special city|city|municipality|directly governed city)$/, '')
    .replace(/[-\s]?(tukpyolsi|teukbyeolsi|chikhalsi|jikhalsi|si|do|to)$/, '')
    .replace(/[-\s]?(bukto|bukdo|puk-to|pukto)$/, 'buk')
    .replace(/[-\s]?(namdo|namto)$/, 'nam');
  return romanKey(s + dir);
}

function unitRomanKeys(u: UnitRef): string[] {
  const keys = new Set<string>();
  const { base } = koBase(u.nameKo);
  for (const form of [stripRomanSuffix(u.nameEn), romanizeHangul(base)]) {
    const k = romanKey(form);
    if (k.length >= 2) keys.add(k);
  }
  for (const k of [...keys]) {
    if (k.startsWith('l')) keys.add(k.slice(1)); // Ryongchon / Yongchon
    if (/^n[yi]/.test(k)) keys.add(k.slice(1)); // Nyongbyon / Yongbyon
  }
  return [...keys];
}

const matchers = new WeakMap<Database.Database, RegionMatcher>();

/** The matcher over a connection's regions (the regions come with the ledger's migrations and never change after). */
export function regionMatcher(db: Database.Database): RegionMatcher {
  let matcher = matchers.get(db);
  if (!matcher) {
    matcher = new RegionMatcher(loadRegionData(db));
    matchers.set(db, matcher);
  }
  return matcher;
}

export class RegionMatcher {
  private readonly provinceByKo = new Map<string, ProvinceRef[]>();
  private readonly provinceByRoman = new Map<string, ProvinceRef[]>();
  private readonly provinceByCode = new Map<string, ProvinceRef>();
  private readonly unitsByProvince = new Map<string, UnitRef[]>();
  private readonly romanKeys = new Map<UnitRef, string[]>();
  private readonly cache = new Map<string, CountyResult>();
  readonly unitByCode = new Map<string, UnitRef>();

  constructor(readonly data: RegionData) {
    for (const p of data.provinces) {
      this.provinceByCode.set(p.code, p);
      for (const f of provinceKoForms(p)) push(this.provinceByKo, f, p);
      for (const k of provinceRomanKeys(p)) push(this.provinceByRoman, k, p);
      push(this.provinceByRoman, p.code.replace(/_/g, ''), p);
    }
    for (const u of data.units) {
      push(this.unitsByProvince, u.provinceCode, u);
      this.romanKeys.set(u, unitRomanKeys(u));
      this.unitByCode.set(u.code, u);
    }
  }

  province(code: string): ProvinceRef | undefined {
    return this.provinceByCode.get(code);
  }

  /** A province as written (강원도, 강원, Kangwon, Gangwon-do, North Hamgyong, 함북, kangwon) → it. */
  matchProvince(text: string): ProvinceRef | null {
    const s = cleanText(text).replace(/\s+/g, '');
    if (s === '') return null;
    const direct = this.provinceByCode.get(s.toLowerCase());
    if (direct) return direct;
    const ko = this.provinceByKo.get(s);
    if (ko?.length === 1) return ko[0]!;
    if (hasLatin(text)) {
      const key = provinceRomanKey(cleanText(text));
      const found = this.provinceByRoman.get(key) ?? this.provinceByRoman.get(key.replace(/^l/, ''));
      if (found?.length === 1) return found[0]!;
    }
    return null;
  }

  private scope(provinceCode: string | null): UnitRef[] {
    return provinceCode === null ? this.data.units : (this.unitsByProvince.get(provinceCode) ?? []);
  }

  /** A city/county as written (or by its code) → the one region it names, or why not. */
  matchCounty(text: string, provinceCode: string | null): CountyResult {
    const byCode = this.unitByCode.get(cleanText(text).toLowerCase());
    if (byCode && (provinceCode === null || byCode.provinceCode === provinceCode)) return { kind: 'ok', unit: byCode, how: 'exact' };
    const cacheKey = `${provinceCode ?? ''}\u0001${text}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const result = this.matchUncached(text, provinceCode);
    if (this.cache.size < 50_000) this.cache.set(cacheKey, result);
    return result;
  }

  private matchUncached(text: string, provinceCode: string | null): CountyResult {
    let s = cleanText(text);
    // A province in parentheses after the name: 회양군(강원도).
    const paren = /^(.*?)\s*\((.*)\)$/.exec(s);
    if (paren?.[1] && paren[2]) {
      const p = this.matchProvince(paren[2]);
      if (p) {
        s = paren[1];
        provinceCode ??= p.code;
      }
    }
    if (hasHangul(s) && !hasLatin(s)) return this.matchKorean(s.replace(/\s+/g, ''), provinceCode);
    if (hasLatin(s)) return this.matchRoman(s, provinceCode);
    return { kind: 'unknown', guesses: [] };
  }

  private matchKorean(s: string, provinceCode: string | null): CountyResult {
    // "강원도 회양군", "강원 회양군": the province in front.
    for (const [form, provinces] of this.provinceByKo) {
      if (provinces.length !== 1 || !s.startsWith(form) || s.length <= form.length) continue;
      const rest = s.slice(form.length);
      const p = provinces[0]!;
      if (provinceCode !== null && provinceCode !== p.code) continue;
      const inner = this.matchKoreanIn(rest, p.code);
      if (inner.kind === 'ok') return { kind: 'ok', unit: inner.unit, how: inner.how === 'exact' ? 'prefix' : inner.how };
    }
    const result = this.matchKoreanIn(s, provinceCode);
    if (result.kind === 'unknown' && provinceCode !== null) {
      // Known elsewhere? Offer it as a guess, never as a match.
      const elsewhere = this.matchKoreanIn(s, null);
      if (elsewhere.kind === 'ok') return { kind: 'unknown', guesses: [elsewhere.unit] };
      if (elsewhere.kind === 'ambiguous') return { kind: 'unknown', guesses: elsewhere.candidates.slice(0, 3) };
    }
    return result;
  }

  private matchKoreanIn(s: string, provinceCode: string | null): CountyResult {
    const units = this.scope(provinceCode);
    const exact = units.filter((u) => u.nameKo === s);
    if (exact.length === 1) return { kind: 'ok', unit: exact[0]!, how: 'exact' };
    if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };
    const { base, suffix } = koBase(s);
    const byBase = units.filter((u) => koBase(u.nameKo).base === (suffix === '' ? s : base));
    if (suffix === '') {
      if (byBase.length === 1) return { kind: 'ok', unit: byBase[0]!, how: 'suffix' };
      if (byBase.length > 1) return { kind: 'ambiguous', candidates: byBase };
    }
    const variants = units.filter((u) => dueumVariant(u.nameKo) === s || u.nameKo === dueumVariant(s));
    if (variants.length === 1) return { kind: 'ok', unit: variants[0]!, how: 'variant' };
    if (variants.length > 1) return { kind: 'ambiguous', candidates: variants };
    // Unsure: a different suffix (회양시 for 회양군) or a one-syllable slip — guesses only.
    const guesses = units.filter((u) => {
      const b = koBase(u.nameKo).base;
      const target = suffix === '' ? s : base;
      return b === target || (target.length >= 2 && editDistance(b, target, 1) <= 1);
    });
    return { kind: 'unknown', guesses: guesses.slice(0, 3) };
  }

  private matchRoman(text: string, provinceCode: string | null): CountyResult {
    const key = romanKey(stripRomanSuffix(text));
    if (key.length < 2) return { kind: 'unknown', guesses: [] };
    const within = this.romanIn(key, this.scope(provinceCode));
    if (within.length === 1) return { kind: 'ok', unit: within[0]!, how: 'romanized' };
    if (within.length > 1) return { kind: 'ambiguous', candidates: within };
    const all = provinceCode === null ? [] : this.romanIn(key, this.data.units);
    const cap = key.length >= 7 ? 2 : 1;
    const near = this.scope(provinceCode).filter((u) => this.romanKeys.get(u)!.some((k) => editDistance(k, key, cap) <= cap));
    return { kind: 'unknown', guesses: [...all, ...near].slice(0, 3) };
  }

  private romanIn(key: string, units: readonly UnitRef[]): UnitRef[] {
    return units.filter((u) => this.romanKeys.get(u)!.includes(key));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}
