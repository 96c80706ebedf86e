// The reading half of an import, the same in the worker and in tests: open the file, choose the
// sheet, find the header and the title area, then (inspect) describe the layout with samples, or
// (rows) stream every row under the header as checked records in batches.
import type {
  CountyMatch,
  ImportField,
  ImportKind,
  InspectResult,
  ImportOptions,
  InspectColumn,
  TitleInfo,
} from '../../shared/api/import.contract';
import { LedgerError } from '../../shared/errors';
import { fieldLabel } from '../../shared/i18n/import';
import { cleanText } from '../../shared/normalize';
import { parseTitleLines, yearInFileName } from './normalize';
import { columnLetter } from '../spreadsheet/cells';
import { cellText, detectLayout, mappingOf, type Layout, type RememberedMapping } from './layout';
import { RegionMatcher, type RegionData, type UnitRef } from '../regions/match';
import { DecisionRowProcessor } from './decision-rows';
import { RequestRowProcessor } from './request-rows';
import type { RowContext, RowProcessor } from './row-processor';
import type { RowResult, SkipReason } from './rows';
import { openSpreadsheet, type Spreadsheet } from './source';
import type { RawRow, SheetInfo } from '../spreadsheet/read/xlsx';

export interface PipelineRequest {
  task: 'inspect' | 'rows';
  path: string;
  fileName: string;
  options: ImportOptions;
  regions: RegionData;
  remembered: RememberedMapping[];
  /** Read every sheet to its end first (the corpus test: the whole reader, not only the first rows). */
  scanAll?: boolean;
}

export interface PipelineProgress {
  rowsRead: number;
  /** Estimated total rows (from the sheet's dimension or the bytes read), or null. */
  total: number | null;
}

export interface PipelineSink {
  progress(progress: PipelineProgress): void;
  /** The layout, once known and before the first batch (rows task). */
  layout?(layout: PipelineLayout): void;
  /** Awaited: the consumer paces the reader (back-pressure). */
  rows(batch: RowResult[]): Promise<void>;
  /**
   * Optional, for a sink that keeps rows its own way (the worker packs them): the rows as they
   * are read, a few dozen at a time, in order. rows() is then called at the very same batch ends,
   * with an empty array: the batch is what collect() got since the last one.
   */
  collect?(rows: RowResult[]): void;
}

/**
 * What the reading half says about the file: the file-facing part of InspectResult (inspect adds
 * the file's name, size, hash and import history), plus the final mapping to remember.
 */
export type PipelineLayout = Omit<InspectResult, 'fileName' | 'size' | 'sha256' | 'alreadyImported'> & {
  /** The final mapping (column index → field), to remember when the clerk corrected it. */
  mapping: Record<string, ImportField | null>;
};

export interface PipelineSummary {
  layout: PipelineLayout;
  countyMatches: CountyMatch[];
  rowsRead: number;
}

const DETECT_ROWS = 40;
const PREVIEW_ROWS = 8;
const SAMPLE_ROWS = 60;
const BATCH = 2000;
/** Rows handed to a collecting sink at a time. */
const HAND_ON = 64;

function rowLine(row: RawRow): string {
  return row.cells
    .map((c) => cleanText(cellText(c)))
    .filter((t) => t !== '')
    .join('  ');
}

async function firstRows(
  book: Spreadsheet,
  sheet: SheetInfo,
  count: number,
  signal?: AbortSignal,
): Promise<{ rows: RawRow[]; hidden: number[] }> {
  const rows: RawRow[] = [];
  const stats = await book.readSheet(
    sheet,
    (row) => {
      rows.push(row);
      return rows.length < count;
    },
    signal ? { signal } : {},
  );
  return { rows, hidden: stats.hiddenColumns };
}

interface Candidate {
  sheet: SheetInfo;
  layout: Layout | null;
  rows: RawRow[];
  hidden: number[];
}

/** A sheet read with the chosen one (same header), and the city/county it is named after. */
interface ReadSheet {
  sheet: SheetInfo;
  layout: Layout;
  unit: UnitRef | undefined;
  leftOut: boolean;
}

/** What every step reads: the request, the open file, the region matcher. */
interface Reading {
  request: PipelineRequest;
  options: ImportOptions;
  fileName: string;
  book: Spreadsheet;
  matcher: RegionMatcher;
  signal: AbortSignal | undefined;
}

/** What steps 1–3 found: enough to describe the layout (describeLayout) and to read the rows. */
interface Found {
  chosen: Candidate;
  candidates: Candidate[];
  layout: Layout;
  kindDetected: Layout['kind'] | null;
  headerSheets: ReadSheet[];
  titleRows: PipelineLayout['titleRows'];
  title: TitleInfo;
  missingFields: ImportField[];
}

export async function runPipeline(request: PipelineRequest, sink: PipelineSink, signal?: AbortSignal): Promise<PipelineSummary> {
  const book = await openSpreadsheet(request.path, request.fileName, { encoding: request.options.encoding });
  const r: Reading = {
    request,
    options: request.options,
    fileName: request.fileName,
    book,
    matcher: new RegionMatcher(request.regions),
    signal,
  };
  if (request.scanAll) await scanEverySheet(r, sink);
  // 1. The sheet and its header.
  const { chosen, candidates } = await chooseSheet(r);
  const layout = headerOf(r, chosen);
  const kindDetected = detectLayout(chosen.rows, { hiddenColumns: chosen.hidden })?.kind ?? null;
  // 2. The other sheets with the same header.
  const headerSheets = await sheetsWithHeader(r, chosen, candidates, layout);
  const countyFromSheets = headerSheets.some((h) => h.unit !== undefined);
  // 3. The title area.
  const { titleRows, title } = titleArea(r, chosen, candidates, layout);
  const missingFields = layout.missing.filter((f) => !(f === 'county' && countyFromSheets));
  const found: Found = { chosen, candidates, layout, kindDetected, headerSheets, titleRows, title, missingFields };
  // 4. Inspect, or read the rows.
  if (request.task === 'inspect') return inspectSample(r, found);
  return readRows(r, found, sink);
}

/** The corpus test's whole pass over every sheet before the real work. */
async function scanEverySheet(r: Reading, sink: PipelineSink): Promise<void> {
  const onChunk = () => sink.progress({ rowsRead: 0, total: null });
  for (const sheet of r.book.sheets) {
    await r.book.readSheet(sheet, () => undefined, r.signal ? { signal: r.signal, onChunk } : { onChunk });
  }
}

/** How detectLayout reads a sheet for this request (`pin`: the clerk's header row applies to it). */
function detectOptions(r: Reading, hidden: number[], pin: boolean) {
  const { options } = r;
  const wantedKind = options.kind === 'auto' ? undefined : options.kind;
  return {
    ...(wantedKind ? { kind: wantedKind } : {}),
    ...(pin && options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
    hiddenColumns: hidden,
    ...(options.mapping ? { mapping: options.mapping } : {}),
    remembered: r.request.remembered,
  };
}

/** Rows read to find a header: more when the clerk named a header row further down. */
function detectRows(r: Reading): number {
  return r.options.headerRow !== undefined ? Math.max(DETECT_ROWS, r.options.headerRow + 1) : DETECT_ROWS;
}

async function candidateOf(r: Reading, sheet: SheetInfo): Promise<Candidate> {
  const { rows, hidden } = await firstRows(r.book, sheet, detectRows(r), r.signal);
  return { sheet, rows, hidden, layout: detectLayout(rows, detectOptions(r, hidden, true)) };
}

// 1. The sheet: the clerk's, else the first visible sheet with a complete header.
async function chooseSheet(r: Reading): Promise<{ chosen: Candidate; candidates: Candidate[] }> {
  const { options, fileName, book } = r;
  const candidates: Candidate[] = [];
  let chosen: Candidate | null = null;
  if (options.sheet !== undefined) {
    const sheet = book.sheets.find((s) => s.name === options.sheet) ?? (book.format === 'csv' ? book.sheets[0] : undefined);
    if (!sheet) {
      throw new LedgerError('import_sheet_not_found', `${fileName}: no sheet ${options.sheet}`, {
        file: fileName,
        sheet: options.sheet,
        sheets: book.sheets.map((s) => s.name).join(', '),
      });
    }
    chosen = await candidateOf(r, sheet);
    candidates.push(chosen);
    for (const other of book.sheets) {
      if (other === sheet || book.format === 'csv') continue;
      candidates.push({ sheet: other, rows: [], hidden: [], layout: null });
    }
  } else {
    const ordered = [...book.sheets.filter((s) => !s.hidden), ...book.sheets.filter((s) => s.hidden)];
    for (const sheet of ordered) {
      const candidate = await candidateOf(r, sheet);
      const { layout } = candidate;
      candidates.push(candidate);
      const complete = layout !== null && layout.missing.length === 0;
      if (complete && !sheet.hidden && (chosen === null || chosen.layout === null || chosen.layout.missing.length > 0)) {
        chosen = candidate;
        break;
      }
      if (layout !== null && (chosen === null || chosen.layout === null || layout.score > chosen.layout.score)) chosen = candidate;
    }
    chosen ??= candidates.find((c) => c.rows.length > 0) ?? candidates[0] ?? null;
  }
  if (chosen === null) throw new LedgerError('import_no_sheets', `${fileName}: no sheets`, { file: fileName });
  if (chosen.rows.length === 0) {
    throw new LedgerError('import_empty_sheet', `${fileName}: sheet ${chosen.sheet.name} is empty`, {
      file: fileName,
      sheet: chosen.sheet.name,
    });
  }
  return { chosen, candidates };
}

/** The chosen sheet's header, or the error that says why there is none. */
function headerOf(r: Reading, chosen: Candidate): Layout {
  const { options, fileName } = r;
  let layout = chosen.layout;
  // A header row the clerk named must look like a header (not the first data row).
  if (layout !== null && options.headerRow !== undefined && layout.score < 2) layout = null;
  if (layout !== null) return layout;
  if (options.headerRow !== undefined) {
    throw new LedgerError('import_header_row_invalid', `${fileName}: row ${options.headerRow} is not a header`, {
      file: fileName,
      row: options.headerRow,
      sheet: chosen.sheet.name,
    });
  }
  throw new LedgerError('import_no_header', `${fileName}: no header row in ${chosen.sheet.name}`, {
    file: fileName,
    sheet: chosen.sheet.name,
  });
}

// 2. Every visible sheet with this header is read with it (request sheets per city/county,
// decision files split per county or term); a sheet named after a city/county gives it to rows.
async function sheetsWithHeader(r: Reading, chosen: Candidate, candidates: Candidate[], layout: Layout): Promise<ReadSheet[]> {
  const { options, book } = r;
  const headerSheets: ReadSheet[] = [];
  const sheetCounty = (s: SheetInfo): UnitRef | undefined => {
    if (layout.kind !== 'requests' || book.format !== 'xlsx') return undefined;
    const m = r.matcher.matchCounty(s.name, options.province ?? null);
    return m.kind === 'ok' ? m.unit : undefined;
  };
  const wanted = (name: string) =>
    (options.sheets === undefined || options.sheets.includes(name)) && !(options.skipSheets ?? []).includes(name);
  for (const s of book.format === 'xlsx' ? book.sheets : [chosen.sheet]) {
    if (s !== chosen.sheet && s.hidden) continue;
    let sheetLayout: Layout | null = layout;
    if (s !== chosen.sheet) {
      const known = candidates.find((c) => c.sheet === s && c.rows.length > 0);
      const { rows, hidden } = known && options.headerRow === undefined ? known : await firstRows(book, s, DETECT_ROWS, r.signal);
      sheetLayout = detectLayout(rows, { ...detectOptions(r, hidden, false), kind: layout.kind });
      const same =
        sheetLayout !== null &&
        sheetLayout.missing.length === 0 &&
        (layout.kind === 'requests' || sheetLayout.signature === layout.signature);
      if (!same) continue;
    }
    headerSheets.push({ sheet: s, layout: sheetLayout!, unit: sheetCounty(s), leftOut: s !== chosen.sheet && !wanted(s.name) });
  }
  // The chosen sheet is read unless the clerk left it out while keeping others.
  if (!wanted(chosen.sheet.name) && headerSheets.some((h) => !h.leftOut && h.sheet !== chosen.sheet)) headerSheets[0]!.leftOut = true;
  return headerSheets;
}

// 3. The title area (rows above the header, and cover sheets before the list).
function titleArea(
  r: Reading,
  chosen: Candidate,
  candidates: Candidate[],
  layout: Layout,
): { titleRows: PipelineLayout['titleRows']; title: TitleInfo } {
  const { book } = r;
  const above = chosen.rows.filter((row) => row.row < layout.headerRows[0]!);
  const titleRows = above.map((row) => ({ row: row.row, text: rowLine(row) }));
  const titleLines = above.flatMap((row) => row.cells.map((c) => cellText(c)));
  const chosenIndex = book.sheets.indexOf(chosen.sheet);
  for (const c of candidates) {
    if (c === chosen || book.sheets.indexOf(c.sheet) > chosenIndex || (c.layout !== null && c.layout.missing.length === 0)) continue;
    titleLines.push(...c.rows.slice(0, 30).flatMap((row) => row.cells.map((cell) => cellText(cell))));
  }
  return { titleRows, title: { ...parseTitleLines(titleLines) } };
}

/** What the reading half says about the file, with these columns and preview rows. */
function describeLayout(r: Reading, f: Found, columns: InspectColumn[], preview: { row: number; cells: string[] }[]): PipelineLayout {
  const { book } = r;
  const { layout } = f;
  return {
    format: book.format,
    encoding: book.encoding,
    encodingDetected: book.encodingDetected,
    sheets: book.sheets.map((s) => {
      const c = f.candidates.find((x) => x.sheet === s);
      return { name: s.name, hidden: s.hidden, headerScore: c?.layout?.score ?? 0, kind: c?.layout?.kind ?? null };
    }),
    sheet: book.format === 'csv' ? null : f.chosen.sheet.name,
    kind: layout.kind,
    kindDetected: f.kindDetected,
    headerRows: layout.headerRows,
    headerRow: layout.headerRow,
    columns,
    preview,
    titleRows: f.titleRows,
    title: f.title,
    remembered: layout.remembered,
    headerSignature: layout.signature,
    mapping: mappingOf(layout),
    missingFields: f.missingFields,
    headerSheets: f.headerSheets.map((h) => ({
      name: h.sheet.name,
      headerRow: h.layout.headerRow,
      countyKo: h.unit?.nameKo ?? null,
      countyEn: h.unit?.nameEn ?? null,
      leftOut: h.leftOut,
    })),
  };
}

/** The layout as the rows task reports it: its columns, no samples, no preview. */
function describeForRows(r: Reading, f: Found): PipelineLayout {
  return describeLayout(
    r,
    f,
    f.layout.columns.map((c) => ({ ...c, samples: [] })),
    [],
  );
}

// 4a. Inspect: columns with samples, and the first rows under the header.
async function inspectSample(r: Reading, f: Found): Promise<PipelineSummary> {
  const { chosen, layout } = f;
  const headerRow = layout.headerRow;
  const below: RawRow[] = chosen.rows.filter((row) => row.row > headerRow);
  if (below.length < SAMPLE_ROWS && chosen.rows.length >= DETECT_ROWS) {
    below.length = 0;
    await r.book.readSheet(
      chosen.sheet,
      (row) => {
        if (row.row > headerRow) below.push(row);
        return below.length < SAMPLE_ROWS;
      },
      r.signal ? { signal: r.signal } : {},
    );
  }
  const columns = sampleColumns(layout, chosen.hidden, below);
  const preview = below
    .filter((row) => row.cells.some((c) => cleanText(cellText(c)) !== ''))
    .slice(0, PREVIEW_ROWS)
    .map((row) => ({ row: row.row, cells: columns.map((c) => cleanText(cellText(row.cells[c.index]))) }));
  return { layout: describeLayout(r, f, columns, preview), countyMatches: [], rowsRead: below.length };
}

/** Every column the header names or the sample fills (at most 200), with up to three samples. */
function sampleColumns(layout: Layout, hiddenColumns: number[], below: RawRow[]): InspectColumn[] {
  const width = Math.max(layout.columns.length, ...below.slice(0, SAMPLE_ROWS).map((row) => row.cells.length));
  const columns: InspectColumn[] = [];
  for (let i = 0; i < Math.min(width, 200); i++) {
    const c = layout.columns[i];
    const samples: string[] = [];
    for (const row of below) {
      const t = cleanText(cellText(row.cells[i]));
      if (t !== '' && !samples.includes(t)) samples.push(t.length > 40 ? `${t.slice(0, 40)}…` : t);
      if (samples.length >= 3) break;
    }
    if (!c && samples.length === 0) continue;
    columns.push({
      index: i,
      letter: c?.letter ?? columnLetter(i),
      header: c?.header ?? '',
      hidden: c?.hidden ?? hiddenColumns.includes(i),
      field: c?.field ?? null,
      source: c?.source ?? 'none',
      samples,
    });
  }
  return columns;
}

/**
 * The rows on their way to the sink: a batch of about BATCH rows at a time, ended at a chunk of
 * the file; a collecting sink gets them a few dozen at a time, so they need not wait in memory for
 * the batch: they die young (a batch of live rows makes V8 allocate every later row in old space).
 */
class RowBatches {
  batch: RowResult[] = [];
  /** Rows of the current batch handed to sink.collect already. */
  private collected = 0;

  constructor(private readonly sink: PipelineSink) {}

  handOn(): void {
    if (this.sink.collect === undefined || this.batch.length === 0) return;
    this.collected += this.batch.length;
    this.sink.collect(this.batch);
    this.batch = [];
  }

  /** At the end of a chunk of the file: the batch goes when it is full. */
  async chunkEnd(): Promise<void> {
    this.handOn();
    if (this.batch.length + this.collected >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    this.handOn();
    if (this.batch.length + this.collected === 0) return;
    const out = this.batch;
    this.batch = [];
    this.collected = 0;
    await this.sink.rows(out);
  }
}

/** Counts over all sheets read: rows read, data rows, rows below a header that were not blank. */
interface RowCounts {
  rowsRead: number;
  dataRows: number;
  cellsBelowHeader: number;
}

// 4b. Rows: every row under the header, checked, in batches.
async function readRows(r: Reading, f: Found, sink: PipelineSink): Promise<PipelineSummary> {
  const { options, fileName, signal } = r;
  const { chosen, layout, missingFields, headerSheets } = f;
  if (missingFields.length > 0) {
    throw new LedgerError('import_missing_columns', `${fileName}: the header maps no ${missingFields.join(', ')}`, {
      file: fileName,
      fieldsKo: missingFields.map((field) => fieldLabel(field, 'ko')).join(', '),
      fieldsEn: missingFields.map((field) => fieldLabel(field, 'en')).join(', '),
      sheet: chosen.sheet.name,
    });
  }
  sink.layout?.(describeForRows(r, f));
  const fallbackYear =
    options.year ?? f.title.year ?? (f.title.decisionDate ? Number(f.title.decisionDate.slice(0, 4)) : null) ?? yearInFileName(fileName);
  const several = headerSheets.length > 1;
  const batches = new RowBatches(sink);
  const counts: RowCounts = { rowsRead: 0, dataRows: 0, cellsBelowHeader: 0 };
  let processor: RowProcessor | null = null;
  for (const { sheet, unit, layout: sheetLayout } of headerSheets.filter((h) => !h.leftOut)) {
    const ctx: RowContext = {
      layout: sheetLayout,
      matcher: r.matcher,
      year: fallbackYear,
      term: options.term ?? f.title.term,
      province: options.province ?? null,
      countyChoices: options.countyChoices ?? {},
    };
    if (several) ctx.sheet = sheet.name;
    if (unit) ctx.sheetCounty = unit;
    if (processor === null) processor = processorFor(layout.kind, ctx);
    else processor.setContext(ctx);
    await readSheetRows(r, sheet, processor, ctx, batches, counts, sink);
    if (signal?.aborted) break;
  }
  await batches.flush();
  sink.progress({ rowsRead: counts.rowsRead, total: counts.rowsRead });
  if (counts.dataRows === 0 && !signal?.aborted) {
    const empty = counts.cellsBelowHeader === 0 && counts.rowsRead <= layout.headerRow;
    throw new LedgerError(empty ? 'import_empty_sheet' : 'import_zero_rows', `${fileName}: no data rows under the header`, {
      file: fileName,
      sheet: chosen.sheet.name,
      row: layout.headerRow,
    });
  }
  return {
    layout: describeForRows(r, f),
    countyMatches: processor ? [...processor.countyMatches.values()] : [],
    rowsRead: counts.rowsRead,
  };
}

function processorFor(kind: ImportKind, ctx: RowContext): RowProcessor {
  return kind === 'decision' ? new DecisionRowProcessor(ctx) : new RequestRowProcessor(ctx);
}

/** A row that is not data, of the sheet being read (rows … through: a run of blank rows). */
function skipped(ctx: RowContext, row: number, skip: SkipReason): RowResult {
  const out: RowResult = { row, status: 'skip', skip };
  if (ctx.sheet !== undefined) out.sheet = ctx.sheet;
  return out;
}

/**
 * One sheet's rows under its header into the batches. Blank rows wait until a row with cells
 * follows (blank rows at the end of a sheet are not reported).
 */
async function readSheetRows(
  r: Reading,
  sheet: SheetInfo,
  proc: RowProcessor,
  ctx: RowContext,
  batches: RowBatches,
  counts: RowCounts,
  sink: PipelineSink,
): Promise<void> {
  const headerRow = ctx.layout.headerRow;
  let pendingBlanks: RowResult[] = [];
  let lastRow = headerRow;
  await r.book.readSheet(
    sheet,
    (row) => {
      counts.rowsRead++;
      if (row.row <= headerRow) return;
      if (row.row > lastRow + 1) {
        // Rows a sheet leaves out are blank rows.
        const gap = skipped(ctx, lastRow + 1, 'blank');
        if (row.row - 1 > lastRow + 1) gap.through = row.row - 1;
        pendingBlanks.push(gap);
      }
      lastRow = row.row;
      const skip = proc.classify(row);
      if (skip === 'blank') {
        pendingBlanks.push(skipped(ctx, row.row, 'blank'));
        return;
      }
      counts.cellsBelowHeader++;
      if (pendingBlanks.length > 0) {
        batches.batch.push(...pendingBlanks);
        pendingBlanks = [];
      }
      if (skip !== null) {
        batches.batch.push(skipped(ctx, row.row, skip));
        return;
      }
      counts.dataRows++;
      batches.batch.push(proc.process(row));
      if (batches.batch.length >= HAND_ON) batches.handOn();
    },
    {
      ...(r.signal ? { signal: r.signal } : {}),
      onChunk: async (stats, fraction) => {
        const total = stats.dimensionRows ?? (fraction > 0.02 ? Math.round(stats.rows / fraction) : null);
        sink.progress({ rowsRead: counts.rowsRead, total: total === null ? null : Math.max(total, counts.rowsRead) });
        await batches.chunkEnd();
      },
    },
  );
}
