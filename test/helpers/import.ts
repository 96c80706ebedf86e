// Test and benchmark helpers for the importer: a small streaming xlsx writer (so tests can make
// exactly the files they need — shared or inline strings, dates, formulas, merges, hidden
// columns, a million rows — without exceljs's writer), a ZIP writer, and a generator of decision
// file rows full of Hangul.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { createWriteStream, statSync, writeFileSync, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { importOptionsSchema, type ImportOptionsInput } from '../../src/shared/api/import.contract';
import type { Ledger } from '../../src/main/ledger/open';
import { runImport, type ImportRun, type RunOptions } from '../../src/main/import/service';
import { sha256File } from '../../src/main/import/staging';
import { columnLetter } from '../../src/main/spreadsheet/cells';
import { crc32, deflateRawSync, createDeflateRaw } from 'node:zlib';

// ---- zip -----------------------------------------------------------------------------------

export interface ZipInput {
  name: string;
  /** Whole content, or chunks produced on demand (big sheets). */
  data: string | Buffer | (() => AsyncIterable<string | Buffer> | Iterable<string | Buffer>);
  store?: boolean;
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  method: number;
}

function write(out: WriteStream, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (out.write(chunk)) resolve();
    else out.once('drain', resolve);
  });
}

/** Writes a ZIP (deflate, data descriptors) streaming big entries; sizes must stay under 4 GB. */
export async function writeZip(path: string, entries: readonly ZipInput[]): Promise<void> {
  const out = createWriteStream(path);
  let offset = 0;
  const written: Written[] = [];
  const put = async (chunk: Buffer) => {
    await write(out, chunk);
    offset += chunk.length;
  };
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const method = entry.store ? 0 : 8;
    const start = offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0808, 6); // data descriptor + UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(name.length, 26);
    await put(header);
    await put(name);
    let crc = 0;
    let size = 0;
    let compressed = 0;
    if (typeof entry.data === 'string' || Buffer.isBuffer(entry.data)) {
      const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
      crc = crc32(raw);
      size = raw.length;
      const body = method === 8 ? deflateRawSync(raw) : raw;
      compressed = body.length;
      await put(body);
    } else {
      const deflate = createDeflateRaw({ level: 6 });
      const pending: Buffer[] = [];
      deflate.on('data', (c: Buffer) => pending.push(c));
      const drain = async () => {
        while (pending.length > 0) {
          const c = pending.shift()!;
          compressed += c.length;
          await put(c);
        }
      };
      for await (const piece of entry.data()) {
        const raw = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        crc = crc32(raw, crc);
        size += raw.length;
        if (!deflate.write(raw)) await new Promise<void>((r) => deflate.once('drain', r));
        await drain();
      }
      const ended = new Promise<void>((r) => deflate.once('end', () => r()));
      deflate.end();
      await ended;
      await drain();
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await put(descriptor);
    written.push({ name, crc, compressed, size, offset: start, method });
  }
  const cdStart = offset;
  for (const w of written) {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0808, 8);
    c.writeUInt16LE(w.method, 10);
    c.writeUInt32LE(w.crc >>> 0, 16);
    c.writeUInt32LE(w.compressed, 20);
    c.writeUInt32LE(w.size, 24);
    c.writeUInt16LE(w.name.length, 28);
    c.writeUInt32LE(w.offset, 42);
    await put(c);
    await put(w.name);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(offset - cdStart, 12);
  end.writeUInt32LE(cdStart, 16);
  await put(end);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

// ---- xlsx ----------------------------------------------------------------------------------

export type CellIn =
  | string
  | number
  | boolean
  | null
  | undefined
  | { date: number } // an Excel serial day number shown with a date format
  | { formula: string; value: string | number | null }
  | { rich: string[] };

export interface SheetSpec {
  name: string;
  rows: () => Iterable<CellIn[]> | AsyncIterable<CellIn[]>;
  merges?: string[];
  /** 1-based inclusive column ranges to hide, e.g. [[6, 6]]. */
  hiddenColumns?: [number, number][];
  hidden?: boolean;
  /** Leave out the r="" attributes of rows and cells (some writers do). */
  noRefs?: boolean;
  /** First row number (rows above are absent). */
  startRow?: number;
  extraXml?: string;
}

export interface XlsxSpec {
  sheets: SheetSpec[];
  strings: 'shared' | 'inline';
  /** Prefix every element with x: (writers that use a namespace prefix). */
  prefix?: boolean;
}

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Writes a real .xlsx (Excel opens it) from row iterables, streaming. */
export async function writeXlsx(path: string, spec: XlsxSpec): Promise<void> {
  const sst = new Map<string, number>();
  const sstList: string[] = [];
  const p = spec.prefix ? 'x:' : '';
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const stringCell = (ref: string, text: string): string => {
    const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
    if (spec.strings === 'inline') return `<${p}c${ref} t="inlineStr"><${p}is><${p}t${space}>${xmlEscape(text)}</${p}t></${p}is></${p}c>`;
    let index = sst.get(text);
    if (index === undefined) {
      index = sstList.length;
      sst.set(text, index);
      sstList.push(text);
    }
    return `<${p}c${ref} t="s"><${p}v>${index}</${p}v></${p}c>`;
  };
  const cellXml = (value: CellIn, ref: string): string => {
    if (value === null || value === undefined || value === '') return '';
    if (typeof value === 'string') return stringCell(ref, value);
    if (typeof value === 'number') return `<${p}c${ref}><${p}v>${value}</${p}v></${p}c>`;
    if (typeof value === 'boolean') return `<${p}c${ref} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
    if ('date' in value) return `<${p}c${ref} s="1"><${p}v>${value.date}</${p}v></${p}c>`;
    if ('rich' in value) {
      const runs = value.rich
        .map((t) => `<${p}r><${p}rPr><${p}b/></${p}rPr><${p}t xml:space="preserve">${xmlEscape(t)}</${p}t></${p}r>`)
        .join('');
      return `<${p}c${ref} t="inlineStr"><${p}is>${runs}<${p}rPh sb="0" eb="1"><${p}t>ふりがな</${p}t></${p}rPh></${p}is></${p}c>`;
    }
    const v = value.value;
    if (typeof v === 'string')
      return `<${p}c${ref} t="str"><${p}f>${xmlEscape(value.formula)}</${p}f><${p}v>${xmlEscape(v)}</${p}v></${p}c>`;
    return `<${p}c${ref}><${p}f>${xmlEscape(value.formula)}</${p}f>${v === null ? '' : `<${p}v>${v}</${p}v>`}</${p}c>`;
  };
  const sheetEntries: ZipInput[] = spec.sheets.map((sheet, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    data: async function* () {
      yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet xmlns${spec.prefix ? ':x' : ''}="${ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`;
      if (sheet.hiddenColumns?.length) {
        yield `<${p}cols>${sheet.hiddenColumns.map(([a, b]) => `<${p}col min="${a}" max="${b}" width="9" hidden="1" customWidth="1"/>`).join('')}</${p}cols>`;
      }
      yield `<${p}sheetData>`;
      let r = (sheet.startRow ?? 1) - 1;
      let buffer = '';
      for await (const row of sheet.rows() as AsyncIterable<CellIn[]>) {
        r++;
        if (row.length === 0) continue; // a blank row: left out, as Excel does
        let cells = '';
        for (let c = 0; c < row.length; c++) cells += cellXml(row[c], sheet.noRefs ? '' : ` r="${columnLetter(c)}${r}"`);
        if (cells === '') continue;
        buffer += `<${p}row${sheet.noRefs ? '' : ` r="${r}"`}>${cells}</${p}row>`;
        if (buffer.length > 256 * 1024) {
          yield buffer;
          buffer = '';
        }
      }
      yield buffer;
      yield `</${p}sheetData>`;
      if (sheet.merges?.length)
        yield `<${p}mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<${p}mergeCell ref="${m}"/>`).join('')}</${p}mergeCells>`;
      if (sheet.extraXml) yield sheet.extraXml;
      yield `</${p}worksheet>`;
    },
  }));
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${spec.sheets
    .map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${spec.sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join(
      '',
    )}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${
    spec.strings === 'shared'
      ? '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
      : ''
  }</Relationships>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${ns}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy.mm.dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${spec.sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${
    spec.strings === 'shared'
      ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      : ''
  }</Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const entries: ZipInput[] = [
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rootRels },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: rels },
    { name: 'xl/styles.xml', data: styles },
    ...sheetEntries,
  ];
  if (spec.strings === 'shared') {
    entries.push({
      name: 'xl/sharedStrings.xml',
      data: function* () {
        yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${ns}" count="${sstList.length}" uniqueCount="${sstList.length}">`;
        let buffer = '';
        for (const s of sstList) {
          buffer += `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${xmlEscape(s)}</t></si>`;
          if (buffer.length > 256 * 1024) {
            yield buffer;
            buffer = '';
          }
        }
        yield buffer;
        yield '</sst>';
      },
    });
  }
  await writeZip(path, entries);
}

// ---- decision rows -------------------------------------------------------------------------

export const DECISION_HEADER = [
  '번호',
  '군번',
  '성명',
  '성별',
  '생년월일',
  '소속부대',
  '군사칭호',
  '제대날자',
  '제대시기',
  '고향(도)',
  '고향(시,군)',
  '기술기능',
  '학력',
  '배치 도',
  '배치 시,군',
  '배치부문',
  '비고',
];

const SURNAMES = [
  ...'김리박최정강조윤장림한오서신권황안송류홍전고문량손배백허남심로하곽성차주우구민류나진지엄채원천방공현함변염양변추도소석선설마길연위표명기반왕금옥육인맹제모탁국여진어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈단견당화창옹순빙',
];
const GIVEN = [...'철수영호남명혁성진광민경순희옥향미숙은별설금송충학일심주대세효국용현우정훈'];
const KANGWON = [
  '원산시',
  '문천시',
  '고산군',
  '고성군',
  '금강군',
  '김화군',
  '법동군',
  '세포군',
  '안변군',
  '이천군',
  '창도군',
  '천내군',
  '철원군',
  '통천군',
  '판교군',
  '평강군',
  '회양군',
];
const PROVINCES = [
  '황해남도',
  '함경북도',
  '평안북도',
  '라선시',
  '남포시',
  '자강도',
  '량강도',
  '강원도',
  '평양시',
  '함경남도',
  '황해북도',
  '평안남도',
];
const SKILLS = ['선반공', '뜨락또르운전수', '농기계운전수', '전기공', '용접공', '미장공', '목수', '운전수', '건설공', '기계수리공', ''];
const SECTORS = ['지방공업공장', '농촌살림집건설', '농업근로작업반'];
const RANKS = ['전사', '상등병', '하사', '중사', '상사', '특무상사'];
const EDU = ['고급중학교', '전문학교', '대학'];
/** Hangul that straddles chunk boundaries often: long runs of 3-byte characters, some 4-byte. */
const NOTES = [
  '',
  '',
  '',
  '치료 후 배치',
  '가족동반',
  '로동당원 · 청년동맹 열성자',
  '제대군인 모범 — 「영예」 수훈 𠀀𠀁',
  '살림집 보장 요청; 안해와 함께',
];

export interface DecisionRowOptions {
  /** Serial numbers start here (service numbers are unique per index). */
  offset?: number;
  /** Dates as date cells (default) or as text. */
  dateText?: boolean;
}

/** The i-th generated person: deterministic, all values already in stored form. */
export function generatedPerson(i: number) {
  const a = (i * 7919 + 13) >>> 0;
  const b = (i * 104729 + 7) >>> 0;
  const name = SURNAMES[a % SURNAMES.length]! + GIVEN[b % GIVEN.length]! + GIVEN[(a >>> 3) % GIVEN.length]!;
  const serviceNo = `${100 + (i % 900)}-${String(10000 + Math.floor(i / 900)).padStart(5, '0')}${i >= 900 * 90000 ? `-${Math.floor(i / (900 * 90000))}` : ''}`;
  const birthSerial = 35000 + (a % 4000);
  const dischargeSerial = 46400 + (b % 200);
  return {
    serviceNo,
    name,
    sex: i % 11 === 0 ? '녀' : '남',
    birthSerial,
    dischargeSerial,
    unit: `조선인민군 제${(a % 9000) + 100}군부대`,
    rank: RANKS[a % RANKS.length]!,
    term: '봄',
    homeProvince: PROVINCES[b % PROVINCES.length]!,
    homeCounty: `${['해주', '청진', '신의주', '선봉', '와우도', '강계', '혜산', '원산', '만경대', '함흥', '사리원', '평성'][b % 12]}${b % 3 === 0 ? '시' : '구역'}`,
    skill: SKILLS[b % SKILLS.length]!,
    education: EDU[a % EDU.length]!,
    destProvince: '강원도',
    destCounty: KANGWON[(a + b) % KANGWON.length]!,
    sector: SECTORS[b % SECTORS.length]!,
    notes: NOTES[a % NOTES.length]!,
  };
}

export function* decisionRows(count: number, options: DecisionRowOptions = {}): Generator<CellIn[]> {
  yield DECISION_HEADER;
  const offset = options.offset ?? 0;
  for (let k = 0; k < count; k++) {
    const i = offset + k;
    const p = generatedPerson(i);
    const date = (serial: number): CellIn => (options.dateText ? serialText(serial) : { date: serial });
    yield [
      k + 1,
      p.serviceNo,
      p.name,
      p.sex,
      date(p.birthSerial),
      p.unit,
      p.rank,
      date(p.dischargeSerial),
      p.term,
      p.homeProvince,
      p.homeCounty,
      p.skill,
      p.education,
      p.destProvince,
      p.destCounty,
      p.sector,
      p.notes,
    ];
  }
}

export function serialToIso(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86400000)).toISOString().slice(0, 10);
}

function serialText(serial: number): string {
  return serialToIso(serial).replace(/-/g, '.');
}

/** CSV of generated rows (UTF-8 with BOM, or CP949 bytes). */
export function* decisionCsvLines(count: number, offset = 0): Generator<string> {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  yield DECISION_HEADER.map(quote).join(',') + '\r\n';
  for (let k = 0; k < count; k++) {
    const p = generatedPerson(offset + k);
    yield (
      [
        String(k + 1),
        p.serviceNo,
        p.name,
        p.sex,
        serialText(p.birthSerial),
        p.unit,
        p.rank,
        serialText(p.dischargeSerial),
        p.term,
        p.homeProvince,
        p.homeCounty,
        p.skill,
        p.education,
        p.destProvince,
        p.destCounty,
        p.sector,
        p.notes,
      ]
        .map(quote)
        .join(',') + '\r\n'
    );
  }
}

/** A person of a small hand-written decision file (values as a clerk types them). */
export interface PersonLine {
  sno: string;
  name: string;
  sex: string;
  birth: string;
  county?: string;
}

/** A decision file as CSV (UTF-8 with BOM) with the columns every Bureau file has; returns its path. */
export function writePersonsCsv(path: string, rows: readonly PersonLine[]): string {
  const line = (cells: string[]) => cells.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',') + '\r\n';
  let text = '\uFEFF' + line(DECISION_HEADER);
  rows.forEach((r, i) => {
    text += line([
      String(i + 1),
      r.sno,
      r.name,
      r.sex,
      r.birth,
      '조선인민군 제123군부대',
      '하사',
      '2027.03.14',
      '봄',
      '강원도',
      '원산시',
      '',
      '',
      '강원도',
      r.county ?? '회양군',
      '지방공업공장',
      '',
    ]);
  });
  writeFileSync(path, text);
  return path;
}

// ---- hand-made packages --------------------------------------------------------------------

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A one-sheet workbook around the given sheet XML (and optional shared strings / styles). */
export async function writeRawXlsx(
  path: string,
  parts: { sheet: string; sharedStrings?: string; styles?: string; workbook?: string; extra?: ZipInput[] },
): Promise<void> {
  const workbook =
    parts.workbook ??
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${
    parts.sharedStrings
      ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
      : ''
  }${parts.styles ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' : ''}</Relationships>`;
  const entries: ZipInput[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: rels },
    { name: 'xl/worksheets/sheet1.xml', data: parts.sheet },
  ];
  if (parts.sharedStrings) entries.push({ name: 'xl/sharedStrings.xml', data: parts.sharedStrings });
  if (parts.styles) entries.push({ name: 'xl/styles.xml', data: parts.styles });
  entries.push(...(parts.extra ?? []));
  await writeZip(path, entries);
}

/** A worksheet XML from rows of raw cell XML strings. */
export function sheetXml(rows: string[], after = '', before = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}">${before}<sheetData>${rows.join('')}</sheetData>${after}</worksheet>`;
}

// ---- ledger state --------------------------------------------------------------------------

const DOMAIN_TABLES = ['cohorts', 'persons', 'county_requests', 'decision_files', 'placements'] as const;

/** Every row of the domain tables, in id order; `ignore` leaves columns out (e.g. updated_at). */
export function ledgerRows(db: Database.Database, ignore: readonly string[] = []): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of DOMAIN_TABLES) {
    out[table] = (db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[]).map((row) => {
      const copy = { ...row };
      for (const column of ignore) delete copy[column];
      return copy;
    });
  }
  return out;
}

/** A digest of the domain tables (and of the audit trail unless told not to). */
export function ledgerDigest(db: Database.Database, options: { audit?: boolean; ignore?: readonly string[] } = {}): string {
  const hash = createHash('sha256');
  const tables = [...DOMAIN_TABLES, ...(options.audit === false ? [] : ['operations', 'audit_log'])];
  for (const table of tables) {
    hash.update(`#${table}\n`);
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate() as Iterable<Record<string, unknown>>) {
      const copy = { ...row };
      for (const column of options.ignore ?? []) delete copy[column];
      hash.update(JSON.stringify(copy));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

// ---- running imports -----------------------------------------------------------------------

/** Imports (or dry-runs) a file into a ledger as the wizard and the CLI do. */
export async function importFile(
  ledger: Ledger,
  path: string,
  options: {
    mode?: 'dry' | 'commit';
    skipInvalid?: boolean;
    options?: ImportOptionsInput;
    separateWriter?: boolean;
    backupDir?: string;
    progress?: RunOptions['progress'];
    inProcess?: boolean;
  } = {},
): Promise<ImportRun> {
  return runImport({
    ledger,
    file: { path, fileName: basename(path), size: statSync(path).size, sha256: await sha256File(path) },
    options: importOptionsSchema.parse(options.options ?? {}),
    mode: options.mode ?? 'commit',
    skipInvalid: options.skipInvalid ?? false,
    separateWriter: options.separateWriter ?? false,
    ...(options.backupDir ? { backupDir: options.backupDir } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.inProcess ? { inProcess: true } : {}),
  });
}
