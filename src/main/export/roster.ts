// One department's workbook: a cover sheet (title, recipient, term, decision numbers, date of
// issue, totals by sector and by workplace) and the roster — grouped by workplace, persons
// without a workplace last under their sector, names in North Korean dictionary order within
// each group; print-ready (A4 landscape, one page wide, header row on every page, page X of Y).
import type Database from 'better-sqlite3';
import { SECTORS, type Language, type Sector, type Term } from '../../shared/domain';
import { interpolate } from '../../shared/i18n';
import { provinceNames, type DepartmentRow, type RosterRaw, type WorkplaceTotal } from './queries';
import { displayWidth } from '../spreadsheet/write/text-width';
import { listPrint, tableStyles, termName, workbookWords } from './workbook-style';
import { isoToSerial } from '../spreadsheet/cells';
import { hfText, XlsxWriter, type SheetWriter } from '../spreadsheet/write/writer';

export interface RosterContext {
  db: Database.Database;
  cohortId: number;
  year: number;
  term: Term;
  language: Language;
  /** ISO date printed as the date of issue. */
  issuedOn: string;
  clerk?: string;
  tempDir: string;
  level?: number;
  /** Called with the number of rows written since the last call. */
  onRows?: (rows: number) => void;
  /** Throws to stop (cancel); called every few hundred rows. */
  checkpoint?: () => void;
}

export const ROSTER_COLUMNS = [
  'no',
  'serviceNo',
  'name',
  'sex',
  'birthDate',
  'homeProvince',
  'homeCounty',
  'unit',
  'rank',
  'skill',
  'workplace',
  'sector',
  'arrivalDate',
  'notes',
] as const;

/** The row of the roster sheet that holds the column headers (title and recipient above it). */
export const ROSTER_HEADER_ROW = 3;

export function departmentTitle(
  language: Language,
  department: Pick<DepartmentRow, 'provinceKo' | 'provinceEn' | 'nameKo' | 'nameEn'>,
): string {
  const words = workbookWords(language);
  return interpolate(words.department, {
    province: language === 'ko' ? department.provinceKo : department.provinceEn,
    county: language === 'ko' ? department.nameKo : department.nameEn,
  });
}

/** Rows of all rosters in print order, one department after another (see rosterRows). */
export class RosterCursor {
  private head: RosterRaw | undefined;
  constructor(private readonly rows: Iterator<RosterRaw>) {
    this.advance();
  }
  private advance(): void {
    const next = this.rows.next();
    this.head = next.done ? undefined : next.value;
  }
  /** The next row if it belongs to the department of this rank (and moves past it). */
  takeFrom(departmentRank: number): RosterRaw | undefined {
    const row = this.head;
    if (row === undefined || row[0] !== departmentRank) return undefined;
    this.advance();
    return row;
  }
}

export interface RosterSource {
  /** The department's position in the cursor's order. */
  rank: number;
  groups: WorkplaceTotal[];
  decisions: string[];
  cursor: RosterCursor;
}

export interface WrittenRoster {
  /** Persons on the roster. */
  rows: number;
  /**
   * Resolves when the file is complete. Every row has been handed to the writer when
   * writeRosterWorkbook resolves; the compressor may still be finishing — the caller can start
   * the next department meanwhile (the two compress side by side) and await this before using
   * the file.
   */
  finished: Promise<void>;
}

/** Writes `path` (which must not exist). */
export async function writeRosterWorkbook(
  path: string,
  department: DepartmentRow,
  source: RosterSource,
  ctx: RosterContext,
): Promise<WrittenRoster> {
  const { language } = ctx;
  const words = workbookWords(language);
  const term = termName(language, ctx.term);
  const title = interpolate(words.title, { year: ctx.year, term });
  const recipient = departmentTitle(language, department);
  const { groups, decisions } = source;
  const persons = groups.reduce((s, g) => s + g.persons, 0);

  const wb = new XlsxWriter(path, { tempDir: ctx.tempDir, title: `${title} — ${recipient}`, creator: words.issuer, level: ctx.level });
  try {
    const st = tableStyles(wb.styles);
    await writeCover(wb, st, { ctx, title, recipient, term, groups, decisions, persons });
    const { rows, sheet } = await writeRoster(wb, st, { ctx, title, recipient, term, groups, decisions, source });
    const finished = (async () => {
      try {
        await sheet.close();
        await wb.close();
      } catch (error) {
        wb.abort();
        throw error;
      }
    })();
    finished.catch(() => undefined); // the caller awaits it; never an unhandled rejection meanwhile
    return { rows, finished };
  } catch (error) {
    wb.abort();
    throw error;
  }
}

interface CoverInput {
  ctx: RosterContext;
  title: string;
  recipient: string;
  term: string;
  groups: WorkplaceTotal[];
  decisions: string[];
  persons: number;
}

async function writeCover(wb: XlsxWriter, st: ReturnType<typeof tableStyles>, input: CoverInput): Promise<void> {
  const { ctx, groups } = input;
  const words = workbookWords(ctx.language);
  const c = words.columns;
  const sectorName = (s: Sector) => words.sectors[s];
  const workplaceName = (g: WorkplaceTotal) => g.workplace ?? `${words.unallocatedWorkplace} (${sectorName(g.sector)})`;
  const widest = Math.max(26, ...groups.map((g) => displayWidth(workplaceName(g)) + 2));
  // Labels and sector names in the workbook's language decide their columns' widths: English
  // ones ("Decision numbers", "Rural housing construction") are longer than Korean ones.
  const labels = [
    words.cover.recipient,
    words.cover.term,
    words.cover.decisionNos,
    words.cover.issuedOn,
    words.cover.issuedBy,
    words.cover.persons,
    c.no,
  ];
  const labelWidth = Math.max(12, ...labels.map((l) => displayWidth(l) + 2));
  const sectorWidth = Math.max(17, ...SECTORS.map((s) => displayWidth(sectorName(s)) + 2));
  const sheet = wb.addSheet({
    name: words.coverSheet,
    columns: [
      { width: labelWidth },
      { width: Math.min(48, widest) },
      { width: sectorWidth },
      { width: 11 },
      { width: 11 },
      { width: 11 },
      { width: 11 },
    ],
    showGridLines: false,
    print: {
      orientation: 'portrait',
      fitToWidth: true,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.7, header: 0.3, footer: 0.3 },
      header: { left: hfText(input.recipient), right: hfText(interpolate(words.pageHeaderRight, { year: ctx.year, term: input.term })) },
      footer: { center: interpolate(hfText(words.pageFooter), { page: '&P', pages: '&N' }) },
    },
  });
  const width = 7;
  sheet.addRow([input.title], [st.title, st.title, st.title, st.title, st.title, st.title, st.title], { height: 36, fit: false });
  sheet.merge(1, 1, 1, width);
  sheet.addRow([]);
  const facts: [string, unknown, number][] = [
    [words.cover.recipient, input.recipient, st.value],
    [words.cover.term, interpolate(words.pageHeaderRight, { year: ctx.year, term: input.term }), st.value],
    [words.cover.decisionNos, input.decisions.length ? input.decisions.join(', ') : words.cover.noDecision, st.value],
    [words.cover.issuedOn, ctx.issuedOn, st.valueDate],
    [words.cover.issuedBy, ctx.clerk ? `${words.issuer} (${words.cover.clerk}: ${ctx.clerk})` : words.issuer, st.value],
    [
      words.cover.persons,
      interpolate(words.cover.personsValue, { count: input.persons.toLocaleString(ctx.language === 'ko' ? 'ko-KR' : 'en-US') }),
      st.value,
    ],
  ];
  for (const [label, value, style] of facts) {
    const r = sheet.rowCount + 1;
    // The date of issue is a real date cell: column B is typed per row below.
    sheet.addRow(
      [label, style === st.valueDate ? (isoToSerial(String(value)) ?? String(value)) : value],
      [st.label, style, style, style, style, style, style],
      { height: 22 },
    );
    sheet.merge(r, 2, r, width);
  }
  sheet.addRow([]);

  // Totals by sector.
  sheet.addRow(['', words.cover.bySector], [undefined, st.sectionHeading], { height: 24 });
  sheet.addRow(
    ['', c.sector, c.persons, c.allocated, c.unallocated, c.arrived],
    [undefined, st.header, st.header, st.header, st.header, st.header],
    { height: 22 },
  );
  const total = { persons: 0, allocated: 0, unallocated: 0, arrived: 0 };
  for (const sector of SECTORS) {
    const of = groups.filter((g) => g.sector === sector);
    const persons = of.reduce((s, g) => s + g.persons, 0);
    const allocated = of.filter((g) => g.requestId !== null).reduce((s, g) => s + g.persons, 0);
    const arrived = of.reduce((s, g) => s + g.arrived, 0);
    total.persons += persons;
    total.allocated += allocated;
    total.unallocated += persons - allocated;
    total.arrived += arrived;
    sheet.addRow(
      ['', sectorName(sector), persons, allocated, persons - allocated, arrived],
      [undefined, st.text, st.count, st.count, st.count, st.count],
    );
  }
  sheet.addRow(
    ['', words.cover.total, total.persons, total.allocated, total.unallocated, total.arrived],
    [undefined, st.totalText, st.totalCount, st.totalCount, st.totalCount, st.totalCount],
  );
  sheet.addRow([]);

  // Totals by workplace, in the roster's order.
  sheet.addRow(['', words.cover.byWorkplace], [undefined, st.sectionHeading], { height: 24 });
  sheet.addRow([c.no, c.workplace, c.sector, c.headcount, c.placed, c.shortfall, c.arrived], st.header, { height: 22 });
  let n = 0;
  const sums = { headcount: 0, placed: 0, shortfall: 0, arrived: 0 };
  for (const g of groups) {
    const shortfall = g.headcount === null ? null : Math.max(0, g.headcount - g.persons);
    sums.headcount += g.headcount ?? 0;
    sums.placed += g.persons;
    sums.shortfall += shortfall ?? 0;
    sums.arrived += g.arrived;
    const pending = g.requestId === null;
    sheet.addRow(
      [++n, workplaceName(g), sectorName(g.sector), g.headcount, g.persons, shortfall, g.arrived],
      [st.number, pending ? st.pending : st.text, st.text, st.count, st.count, st.count, st.count],
    );
  }
  sheet.addRow(
    ['', words.cover.total, '', sums.headcount, sums.placed, sums.shortfall, sums.arrived],
    [st.totalText, st.totalText, st.totalText, st.totalCount, st.totalCount, st.totalCount, st.totalCount],
  );
  sheet.addRow([]);
  const noteRow = sheet.rowCount + 1;
  sheet.addRow([words.cover.note], st.note, { fit: false });
  sheet.merge(noteRow, 1, noteRow, width);
  await sheet.close();
}

interface RosterInput {
  ctx: RosterContext;
  title: string;
  recipient: string;
  term: string;
  groups: WorkplaceTotal[];
  decisions: string[];
  source: RosterSource;
}

async function writeRoster(
  wb: XlsxWriter,
  st: ReturnType<typeof tableStyles>,
  input: RosterInput,
): Promise<{ rows: number; sheet: SheetWriter }> {
  const { ctx, groups, source } = input;
  const { db, language } = ctx;
  const words = workbookWords(language);
  const columns = words.columns;
  const provinces = provinceNames(db)[language];
  const sexes = words.sexes as Record<string, string>;
  const ranks = words.ranks as Record<string, string>;
  const sectors = words.sectors;
  const last = ROSTER_COLUMNS.length;

  const sheet = wb.addSheet({
    name: words.rosterSheet,
    columns: [
      { type: 'number', minWidth: 5 },
      { type: 'text', minWidth: 10 },
      { type: 'text', minWidth: 8 },
      { type: 'text', shared: true, minWidth: 5 },
      { type: 'date', minWidth: 11 },
      { type: 'text', shared: true, minWidth: 8 },
      { type: 'text', shared: true, minWidth: 8 },
      { type: 'text', shared: true, minWidth: 10, maxWidth: 22 },
      { type: 'text', shared: true, minWidth: 8 },
      { type: 'text', shared: true, minWidth: 8, maxWidth: 20 },
      { type: 'text', shared: true, minWidth: 12, maxWidth: 34 },
      { type: 'text', shared: true, minWidth: 8 },
      { type: 'date', minWidth: 11 },
      { type: 'text', minWidth: 12, maxWidth: 36 },
    ],
    freeze: { rows: ROSTER_HEADER_ROW },
    autoFilterRow: ROSTER_HEADER_ROW,
    print: listPrint(
      language,
      [ROSTER_HEADER_ROW, ROSTER_HEADER_ROW],
      input.recipient,
      interpolate(words.pageHeaderRight, { year: ctx.year, term: input.term }),
    ),
  });
  sheet.addRow([input.title], st.title, { height: 30, fit: false });
  sheet.merge(1, 1, 1, last);
  const persons = groups.reduce((s, g) => s + g.persons, 0);
  const facts = [
    input.recipient,
    input.decisions.length ? `${words.cover.decisionNos} ${input.decisions.join(', ')}` : null,
    `${words.cover.issuedOn} ${ctx.issuedOn.replace(/-/g, '.')}`,
    interpolate(words.cover.personsValue, { count: persons.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US') }),
  ].filter((x): x is string => x !== null);
  sheet.addRow([facts.join('   ·   ')], st.subtitle, { height: 20, fit: false });
  sheet.merge(2, 1, 2, last);
  sheet.addRow(
    ROSTER_COLUMNS.map((key) => columns[key]),
    st.header,
    { height: 30 },
  );

  const normal = [
    st.number,
    st.textCenter,
    st.text,
    st.textCenter,
    st.date,
    st.text,
    st.text,
    st.text,
    st.textCenter,
    st.text,
    st.text,
    st.text,
    st.date,
    st.textWrap,
  ];
  const g = st.groupStart;
  const first = [
    g.number,
    g.textCenter,
    g.text,
    g.textCenter,
    g.date,
    g.text,
    g.text,
    g.text,
    g.textCenter,
    g.text,
    g.text,
    g.text,
    g.date,
    g.textWrap,
  ];
  const pendingNormal = normal.map((s, i) => (i === 10 ? st.pending : s));
  const pendingFirst = first.map((s, i) => (i === 10 ? st.pendingStart : s));
  const byRequest = new Map(groups.filter((x) => x.requestId !== null).map((x) => [x.requestId!, x]));

  let no = 0;
  let sinceReport = 0;
  let groupKey: number | string | undefined;
  let workplace: string | null = null;
  let sector = '';
  let pending = false;
  const values: unknown[] = new Array(last);
  for (let row = source.cursor.takeFrom(source.rank); row !== undefined; row = source.cursor.takeFrom(source.rank)) {
    const key = row[1] ?? row[2];
    const firstOfGroup = key !== groupKey;
    if (firstOfGroup) {
      groupKey = key;
      pending = row[1] === null;
      const group = pending ? undefined : byRequest.get(row[1]!);
      workplace = pending ? words.unallocatedWorkplace : (group?.workplace ?? null);
      sector = sectors[group?.sector ?? row[2]];
    }
    values[0] = ++no;
    values[1] = row[3];
    values[2] = row[4];
    values[3] = row[5] === null ? null : (sexes[row[5]] ?? row[5]);
    values[4] = row[6];
    values[5] = row[7] === null ? null : (provinces.get(row[7]) ?? row[7]);
    values[6] = row[8];
    values[7] = row[9];
    values[8] = row[10] === null ? null : (ranks[row[10]] ?? row[10]);
    values[9] = row[11];
    values[10] = workplace;
    values[11] = sector;
    values[12] = row[12];
    values[13] = row[13] !== null && row[14] !== null ? `${row[13]} / ${row[14]}` : (row[14] ?? row[13]);
    const keepGoing = sheet.addRow(values, firstOfGroup ? (pending ? pendingFirst : first) : pending ? pendingNormal : normal);
    if (++sinceReport === 512) {
      ctx.onRows?.(sinceReport);
      sinceReport = 0;
      ctx.checkpoint?.();
    }
    if (!keepGoing) await sheet.drain();
  }
  if (sinceReport) ctx.onRows?.(sinceReport);
  return { rows: no, sheet };
}
