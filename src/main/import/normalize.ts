// Normalizers the importer adds to shared/normalize.ts (DOMAIN.md "Decision files as they
// arrive"): header synonyms, the title area (decision number, date, year, term), total and
// footnote rows. The romanization of region names is regions/romanize.ts.
import type { DecisionField, ImportField, ImportKind, RequestField } from '../../shared/api/import.contract';
import type { Term } from '../../shared/domain';
import { cleanText, foldWidth, parseDateText, parseTerm } from '../../shared/normalize';

// ---- headers -------------------------------------------------------------------------------

/** A header cell as a lookup key: no spaces or line breaks, lower case, `·` as `,`, `()` kept. */
export function headerKey(text: string): string {
  return foldWidth(text)
    .toLowerCase()
    .replace(/[\u00B7\u2027\u30FB\u318D\u2219\u22C5]/g, ',')
    .replace(/[、，]/g, ',')
    .replace(/[[{［]/g, '(')
    .replace(/[\]}］]/g, ')')
    .replace(/\s+/g, '')
    .replace(/[:：]$/, '');
}

const DECISION_SYNONYMS: Record<DecisionField, readonly string[]> = {
  rowNo: ['번호', '순번', '순위번호', 'no', 'no.', '#', 'nr', 'nr.', 'rowno', 'number'],
  serviceNo: ['군번', '군사번호', '군복무번호', 'serviceno', 'serviceno.', 'servicenumber', 'service#', 'militaryno', 'militaryno.'],
  name: ['성명', '이름', '성명(이름)', 'name', 'fullname'],
  sex: ['성별', '남녀', 'sex', 'gender'],
  birthDate: ['생년월일', '출생일', '난날', '생일', '출생년월일', 'dateofbirth', 'dob', 'birthdate', 'born'],
  unit: ['소속부대', '부대', '소속', '소속부대명', 'unit', 'militaryunit'],
  rank: ['군사칭호', '칭호', '계급', 'rank'],
  dischargeDate: ['제대날자', '제대일', '제대일자', '제대날짜', '제대년월일', 'dischargedate', 'dateofdischarge', 'discharged'],
  term: ['제대시기', '시기', '기별', '제대기별', 'term', 'dischargeterm'],
  homeProvince: ['고향(도)', '출신도', '고향도', '출신(도)', 'homeprovince', 'home(province)', 'provinceoforigin'],
  homeCounty: [
    '고향(시,군)',
    '고향(시군)',
    '출신시군',
    '출신시,군',
    '고향시군',
    '고향시,군',
    '출신(시,군)',
    'homecounty',
    'home(county)',
    'homecity/county',
    'homecity',
  ],
  skill: ['기술기능', '특기', '기능', '기술', 'skill', 'skills', 'specialty', 'speciality'],
  education: ['학력', 'education'],
  destProvince: [
    '배치도',
    '배치지(도)',
    '배치(도)',
    '배치지도',
    'destinationprovince',
    'destination(province)',
    'dest.province',
    'destprovince',
  ],
  destCounty: [
    '배치시,군',
    '배치시군',
    '배치지(시,군)',
    '배치(시,군)',
    '배치지(시군)',
    '배치지시군',
    'destinationcounty',
    'destination(county)',
    'destinationcity/county',
    'dest.county',
    'destcounty',
  ],
  sector: ['배치부문', '부문', '배치지(부문)', '배치(부문)', 'sector', 'destinationsector'],
  notes: ['비고', '기타', '참고', 'notes', 'note', 'remarks', 'remark', 'comments'],
};

const REQUEST_SYNONYMS: Record<RequestField, readonly string[]> = {
  rowNo: DECISION_SYNONYMS.rowNo,
  province: ['도', '배치도', 'province'],
  county: ['시,군', '시군', '시·군', '시,군명', '시군명', '지역', 'county', 'city/county', 'citycounty', 'county/city'],
  workplace: ['작업장', '작업장명', '단위', '기업소', 'workplace', 'enterprise', 'workunit'],
  sector: ['부문', '배치부문', 'sector'],
  headcount: ['요구인원', '인원', '요구인원수', '인원수', 'headcount', 'workerswanted', 'workers', 'requested', 'number'],
  skills: ['요구기술', '기술', '요구기능', '기술기능', 'skillswanted', 'skills', 'skill'],
  term: ['시기', '제대시기', '기별', 'term'],
  priority: ['우선순위', '순위', 'priority'],
  housing: ['살림집보장', '살림집', '주택보장', 'housing', 'housingprovided'],
  notes: DECISION_SYNONYMS.notes,
};

/** Under a group header (배치지 / Destination) the sub-headers mean the destination fields. */
const DESTINATION_GROUP = new Set(['배치지', '배치', '배치처', 'destination', 'placement', 'placedto']);
const HOME_GROUP = new Set(['고향', '출신', '출신지', 'home', 'origin', 'homeplace']);
const GROUP_CHILDREN: Record<string, 'province' | 'county' | 'sector'> = {
  도: 'province',
  province: 'province',
  '시,군': 'county',
  시군: 'county',
  county: 'county',
  'city/county': 'county',
  city: 'county',
  부문: 'sector',
  sector: 'sector',
};

function synonymTable(table: Record<string, readonly string[]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [field, words] of Object.entries(table)) for (const w of words) if (!map.has(headerKey(w))) map.set(headerKey(w), field);
  return map;
}
const DECISION_KEYS = synonymTable(DECISION_SYNONYMS);
const REQUEST_KEYS = synonymTable(REQUEST_SYNONYMS);

export function isGroupHeader(text: string): boolean {
  const key = headerKey(text);
  return DESTINATION_GROUP.has(key) || HOME_GROUP.has(key);
}

/**
 * The field a header cell names for a kind of file, or null. `group` is the text of a merged group
 * cell above it in a two-row header (배치지 over 도 / 시,군 / 부문).
 */
export function fieldOfHeader(kind: ImportKind, text: string, group = ''): ImportField | null {
  const key = headerKey(text);
  if (key === '') return null;
  const groupKey = headerKey(group);
  if (kind === 'decision' && groupKey !== '') {
    const child = GROUP_CHILDREN[key];
    if (child && DESTINATION_GROUP.has(groupKey))
      return child === 'province' ? 'destProvince' : child === 'county' ? 'destCounty' : 'sector';
    if (child && HOME_GROUP.has(groupKey)) return child === 'province' ? 'homeProvince' : child === 'county' ? 'homeCounty' : null;
    const joined = DECISION_KEYS.get(groupKey + key) ?? DECISION_KEYS.get(`${groupKey}(${key})`);
    if (joined) return joined as ImportField;
  }
  const table = kind === 'decision' ? DECISION_KEYS : REQUEST_KEYS;
  const direct = table.get(key);
  if (direct) return direct as ImportField;
  // "Service No. (군번)" — bilingual headers: try each part.
  const parts = key.split(/[()/]/).filter((p) => p.length > 0);
  if (parts.length > 1) for (const p of parts) if (table.has(p)) return table.get(p) as ImportField;
  return null;
}

/** Every synonym, for the wizard's help text. */
export function headerSynonyms(kind: ImportKind, field: ImportField): readonly string[] {
  const table = (kind === 'decision' ? DECISION_SYNONYMS : REQUEST_SYNONYMS) as Record<string, readonly string[]>;
  return table[field] ?? [];
}

// ---- title area ----------------------------------------------------------------------------

const DECISION_NO_RE =
  /(?:결정\s*서?\s*번\s*호|문건\s*번호|명령\s*번호|decision\s*(?:no\.?|number|#)|order\s*(?:no\.?|number))\s*[:：.]?\s*([0-9A-Za-z가-힣][0-9A-Za-z가-힣\-_/.]*[0-9A-Za-z가-힣])/i;
const DECISION_DATE_RE =
  /(?:결정\s*(?:일자|날자|날짜|일)|decision\s*date|decided\s*on|date\s*of\s*decision)\s*[:：.]?\s*([^,;]+?)\s*(?:[,;]|$)/i;
const YEAR_TERM_RE = /(\d{4})\s*년?\s*(봄|여름|가을|spring|summer|fall|autumn)/i;
const TERM_YEAR_RE = /(spring|summer|fall|autumn)\s*(?:term\s*)?(?:of\s*)?(\d{4})/i;
const YEAR_RE = /(?:^|[^\d])((?:19|20|21)\d{2})\s*년/;

export interface TitleFacts {
  decisionNo: string | null;
  decisionDate: string | null;
  year: number | null;
  term: Term | null;
}

/** Reads the decision number, its date, the year and the term from title lines. */
export function parseTitleLines(lines: readonly string[]): TitleFacts {
  const facts: TitleFacts = { decisionNo: null, decisionDate: null, year: null, term: null };
  for (const raw of lines) {
    const line = cleanText(raw);
    if (line === '') continue;
    if (facts.decisionNo === null) {
      const m = DECISION_NO_RE.exec(line);
      if (m?.[1]) facts.decisionNo = m[1];
    }
    if (facts.decisionDate === null) {
      const m = DECISION_DATE_RE.exec(line);
      if (m?.[1]) facts.decisionDate = parseDateText(m[1]);
    }
    if (facts.term === null) {
      const m = YEAR_TERM_RE.exec(line);
      if (m?.[1] && m[2]) {
        facts.term = parseTerm(m[2]);
        facts.year ??= Number(m[1]);
      } else {
        const n = TERM_YEAR_RE.exec(line);
        if (n?.[1] && n[2]) {
          facts.term = parseTerm(n[1]);
          facts.year ??= Number(n[2]);
        }
      }
    }
    if (facts.year === null) {
      const m = YEAR_RE.exec(line);
      if (m?.[1]) facts.year = Number(m[1]);
    }
  }
  return facts;
}

/** A year in a file name (`decision-2027-fall.xlsx`), or null. */
export function yearInFileName(fileName: string): number | null {
  const m = /(?:^|[^\d])((?:19[5-9]|20\d|21\d)\d)(?:[^\d]|$)/.exec(fileName);
  return m?.[1] ? Number(m[1]) : null;
}

// ---- rows that are not data ----------------------------------------------------------------

const TOTAL_RE = /^(?:총\s*계|합\s*계|소\s*계|계|총|합|total|grand\s*total|sum|subtotal|in\s*all)(?=$|[\s:：=\d(]|명|인|건)/i;
const FOOTNOTE_RE =
  /^(?:※|\*|＊|注|주\s*[):：]|주\s*\d|참고\s*[:：)]|비고\s*[:：]|note\s*[:.：]|notes\s*[:.：]|remark|n\.b\.|출처|작성|확인\s*[:：]|담당\s*[:：])/i;

/** `계 512명`, `합계`, `Total` … */
export function isTotalText(text: string): boolean {
  return TOTAL_RE.test(cleanText(text));
}

/** `※ …`, `* …`, `주: …`, `Note: …` */
export function isFootnoteText(text: string): boolean {
  return FOOTNOTE_RE.test(cleanText(text));
}

// ---- fast paths ----------------------------------------------------------------------------

const PLAIN_RE = /^[\u0020-\u007E\uAC00-\uD7A3]*$/;

/**
 * cleanText (normalize.ts) with a fast path: text made only of printable ASCII and Hangul
 * syllables needs no NFC or width folding, so only spaces are trimmed and collapsed. Same result.
 */
export function cleanFast(text: string): string {
  if (!PLAIN_RE.test(text)) return cleanText(text);
  const t = text.trim();
  return t.indexOf('  ') < 0 ? t : t.replace(/ {2,}/g, ' ');
}

/** A cache in front of a pure function of a string (values in a column repeat: 남, 봄, 하사 …). */
export function memoize<T>(fn: (text: string) => T, limit = 10_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string) => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = fn(text);
    if (cache.size < limit) cache.set(text, value);
    return value;
  };
}

// ---- free text ----------------------------------------------------------------------------

/**
 * Free text (unit, skill, notes, workplace …) as stored: only whitespace at the ends is removed
 * (incl. NBSP and the ideographic space) and line ends become \n — no other character changes.
 */
const EDGE_SPACE = /[\s\u00A0\u3000\uFEFF]/;

/** A UTF-16 unit that is certainly not whitespace: printable ASCII or a Hangul syllable. */
function printable(code: number): boolean {
  return (code > 0x20 && code < 0x7f) || (code >= 0xac00 && code <= 0xd7a3);
}

export function trimFreeText(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  // The usual case: nothing to trim, no carriage return.
  const edgesPlain =
    (printable(text.charCodeAt(0)) || !EDGE_SPACE.test(text[0]!)) && (printable(text.charCodeAt(n - 1)) || !EDGE_SPACE.test(text[n - 1]!));
  if (edgesPlain && text.indexOf('\r') < 0) return text;
  return text.replace(/\r\n?/g, '\n').replace(/^[\s\u00A0\u3000\uFEFF]+|[\s\u00A0\u3000\uFEFF]+$/g, '');
}
