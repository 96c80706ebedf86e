// Normalizers for values as clerks type them and as files bring them (DOMAIN.md): shared by the
// importer, grid editing in main, and instant feedback in the renderer. Each returns the stored
// form, or null when the text cannot be read as that kind of value.
import { RANKS, SECTORS, type Rank, type Sector, type Sex, type Term } from './domain';

/** Full-width digits/letters → ASCII, NBSP and other odd spaces → space, NFC. */
/** Text made only of printable ASCII and precomposed Hangul syllables: already NFC, nothing to fold. */
const PLAIN = /^[\x20-\x7E\uAC00-\uD7A3]*$/;
/** …and with single spaces between words only: nothing for cleanText to do either. */
const CLEAN = /^(?:[\x21-\x7E\uAC00-\uD7A3]+(?: [\x21-\x7E\uAC00-\uD7A3]+)*)?$/;

export function foldWidth(text: string): string {
  if (PLAIN.test(text)) return text;
  return text
    .normalize('NFC')
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]/g, ' ');
}

/** Trims and folds runs of whitespace (incl. line breaks) to one space. */
export function cleanText(text: string): string {
  if (CLEAN.test(text)) return text;
  return foldWidth(text).replace(/\s+/g, ' ').trim();
}

/** A service number: ASCII digits, letters and hyphens, no spaces (`２５４－１６４０３ ` → `254-16403`). */
export function normalizeServiceNo(text: string): string | null {
  const folded = foldWidth(text)
    .replace(/[\u2010-\u2015\u2212\uFE63]/g, '-')
    .replace(/\s+/g, '');
  return /^[0-9A-Za-z]+(-[0-9A-Za-z]+)*$/.test(folded) ? folded.toUpperCase() : null;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date typed or written as `2027.03.14`, `2027.3.14.`, `2027-03-14`, `2027/3/14`,
 * `2027년 3월 14일`, `20270314` → `2027-03-14`; impossible dates (2월 30일) → null.
 */
export function parseDateText(text: string): string | null {
  const t = cleanText(text);
  let m = /^(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})\s*\.?$/.exec(t);
  if (!m) m = /^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** An ISO date shown the way the offices write it: `2027-03-14` → `2027.03.14`. */
export function formatDateDots(iso: string | null | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replace(/-/g, '.') : (iso ?? '');
}

const SEX_WORDS: Record<string, Sex> = {
  남: 'M',
  남자: 'M',
  男: 'M',
  m: 'M',
  male: 'M',
  man: 'M',
  녀: 'F',
  녀자: 'F',
  여: 'F',
  여자: 'F',
  女: 'F',
  f: 'F',
  female: 'F',
  woman: 'F',
};

/** 남 / 녀 / 남자 / 녀자 / 여 / 여자 / M / F / male / female → M | F. */
export function parseSex(text: string): Sex | null {
  return SEX_WORDS[cleanText(text).toLowerCase().replace(/\s/g, '')] ?? null;
}

const TERM_WORDS: Record<string, Term> = {
  봄: 'spring',
  봄철: 'spring',
  spring: 'spring',
  여름: 'summer',
  여름철: 'summer',
  summer: 'summer',
  가을: 'fall',
  가을철: 'fall',
  fall: 'fall',
  autumn: 'fall',
};

/** 봄 / 여름 / 가을 / spring / summer / fall (/ autumn) → term. */
export function parseTerm(text: string): Term | null {
  return TERM_WORDS[cleanText(text).toLowerCase().replace(/\s/g, '')] ?? null;
}

const SECTOR_WORDS: Record<string, Sector> = {
  지방공업공장: 'local_factory',
  지방공업: 'local_factory',
  공장: 'local_factory',
  localfactory: 'local_factory',
  localindustryfactory: 'local_factory',
  localindustry: 'local_factory',
  factory: 'local_factory',
  농촌살림집건설: 'rural_housing',
  살림집건설: 'rural_housing',
  농촌살림집: 'rural_housing',
  ruralhousing: 'rural_housing',
  ruralhousingconstruction: 'rural_housing',
  housing: 'rural_housing',
  농업근로작업반: 'farm_team',
  농업근로: 'farm_team',
  작업반: 'farm_team',
  농장: 'farm_team',
  farmteam: 'farm_team',
  agriculturalworkteam: 'farm_team',
  agriculture: 'farm_team',
  farm: 'farm_team',
  기타: 'other',
  other: 'other',
};

/** A sector in Korean or English, with or without spaces → its code. */
export function parseSector(text: string): Sector | null {
  const key = cleanText(text)
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if ((SECTORS as readonly string[]).includes(cleanText(text))) return cleanText(text) as Sector;
  return SECTOR_WORDS[key] ?? null;
}

/** 전사 … 특무상사 (with stray spaces) → the rank. */
/** The ranks' English names as the English UI shows them (grid options in i18n/grid.ts). */
const RANK_WORDS: Record<string, Rank> = {
  private: '전사',
  corporal: '상등병',
  juniorsergeant: '하사',
  sergeant: '중사',
  seniorsergeant: '상사',
  mastersergeant: '특무상사',
};

export function parseRank(text: string): Rank | null {
  const key = cleanText(text).replace(/\s/g, '');
  if ((RANKS as readonly string[]).includes(key)) return key as Rank;
  return RANK_WORDS[key.toLowerCase().replace(/[-_.]/g, '')] ?? null;
}
