// The reading half of an import, the same in the worker and in tests: open the file, choose the
// sheet, find the header and the title area, then (inspect) describe the layout with samples, or
// (rows) stream every row under the header as checked records in batches.
import type {
  CountyMatch,
  ImportField,
  InspectResult,
  ImportOptions,
  InspectColumn,
  InspectSheet,
  TitleInfo,
} from '../../shared/api/import.contract';
import { LedgerError } from '../../shared/errors';
import { fieldLabel } from '../../shared/i18n/import';
import { cleanText } from '../../shared/normalize';
import { parseTitleLines, yearInFileName } from '../../shared/normalize-import';
import { columnLetter } from '../spreadsheet/cells';
import { cellText, detectLayout, mappingOf, type Layout, type RememberedMapping } from './layout';
import { RegionMatcher, type RegionData, type UnitRef } from '../regions/match';
import { processorFor, type RowContext, type RowProcessor, type RowResult } from './rows';
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

async function firstRows(book: Spreadsheet, sheet: SheetInfo, count: number, signal?: AbortSignal): Promise<{ rows: RawRow[]; hidden: number[] }> {
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

export async function runPipeline(request: PipelineRequest, sink: PipelineSink, signal?: AbortSignal): Promise<PipelineSummary> {
  const { options, fileName } = request;
  const book = await openSpreadsheet(request.path, fileName, { encoding: options.encoding });
  const matcher = new RegionMatcher(request.regions);
  if (request.scanAll) {
    for (const sheet of book.sheets) {
      await book.readSheet(sheet, () => undefined, signal ? { signal, onChunk: () => sink.progress({ rowsRead: 0, total: null }) } : { onChunk: () => sink.progress({ rowsRead: 0, total: null }) });
    }
  }
  const wantedKind = options.kind === 'auto' ? undefined : options.kind;
  const detectOptions = (hidden: number[], pin: boolean) => ({
    ...(wantedKind ? { kind: wantedKind } : {}),
    ...(pin && options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
    hiddenColumns: hidden,
    ...(options.mapping ? { mapping: options.mapping } : {}),
    remembered: request.remembered,
  });

  // 1. The sheet: the clerk's, else the first visible sheet with a complete header.
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
    const { rows, hidden } = await firstRows(book, sheet, options.headerRow !== undefined ? Math.max(DETECT_ROWS, options.headerRow + 1) : DETECT_ROWS, signal);
    chosen = { sheet, rows, hidden, layout: detectLayout(rows, detectOptions(hidden, true)) };
    candidates.push(chosen);
    for (const other of book.sheets) {
      if (other === sheet || book.format === 'csv') continue;
      candidates.push({ sheet: other, rows: [], hidden: [], layout: null });
    }
  } else {
    const ordered = [...book.sheets.filter((s) => !s.hidden), ...book.sheets.filter((s) => s.hidden)];
    for (const sheet of ordered) {
      const limit = options.headerRow !== undefined ? Math.max(DETECT_ROWS, options.headerRow + 1) : DETECT_ROWS;
      const { rows, hidden } = await firstRows(book, sheet, limit, signal);
      const layout = detectLayout(rows, detectOptions(hidden, true));
      const candidate = { sheet, rows, hidden, layout };
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
  const sheetsOut: InspectSheet[] = book.sheets.map((s) => {
    const c = candidates.find((x) => x.sheet === s);
    return { name: s.name, hidden: s.hidden, headerScore: c?.layout?.score ?? 0, kind: c?.layout?.kind ?? null };
  });
  const sheetName = book.format === 'csv' ? null : chosen.sheet.name;
  if (chosen.rows.length === 0) {
    throw new LedgerError('import_empty_sheet', `${fileName}: sheet ${chosen.sheet.name} is empty`, { file: fileName, sheet: chosen.sheet.name });
  }
  let layout = chosen.layout;
  // A header row the clerk named must look like a header (not the first data row).
  if (layout !== null && options.headerRow !== undefined && layout.score < 2) layout = null;
  if (layout === null) {
    if (options.headerRow !== undefined) {
      throw new LedgerError('import_header_row_invalid', `${fileName}: row ${options.headerRow} is not a header`, {
        file: fileName,
        row: options.headerRow,
        sheet: chosen.sheet.name,
      });
    }
    throw new LedgerError('import_no_header', `${fileName}: no header row in ${chosen.sheet.name}`, { file: fileName, sheet: chosen.sheet.name });
  }
  const kindDetected = detectLayout(chosen.rows, { hiddenColumns: chosen.hidden })?.kind ?? null;

  // 2. Every visible sheet with this header is read with it (request sheets per city/county,
  // decision files split per county or term); a sheet named after a city/county gives it to rows.
  const headerSheets: ReadSheet[] = [];
  const sheetCounty = (s: SheetInfo): UnitRef | undefined => {
    if (layout!.kind !== 'requests' || book.format !== 'xlsx') return undefined;
    const m = matcher.matchCounty(s.name, options.province ?? null);
    return m.kind === 'ok' ? m.unit : undefined;
  };
  const wanted = (name: string) => (options.sheets === undefined || options.sheets.includes(name)) && !(options.skipSheets ?? []).includes(name);
  for (const s of book.format === 'xlsx' ? book.sheets : [chosen.sheet]) {
    if (s !== chosen.sheet && s.hidden) continue;
    let sheetLayout: Layout | null = layout;
    if (s !== chosen.sheet) {
      const known = candidates.find((c) => c.sheet === s && c.rows.length > 0);
      const { rows, hidden } = known && options.headerRow === undefined ? known : await firstRows(book, s, DETECT_ROWS, signal);
      sheetLayout = detectLayout(rows, { ...detectOptions(hidden, false), kind: layout.kind });
      const same = sheetLayout !== null && sheetLayout.missing.length === 0 && (layout.kind === 'requests' || sheetLayout.signature === layout.signature);
      if (!same) continue;
    }
    const unit = sheetCounty(s);
    headerSheets.push({ sheet: s, layout: sheetLayout!, unit, leftOut: s !== chosen.sheet && !wanted(s.name) });
  }
  // The chosen sheet is read unless the clerk left it out while keeping others.
  if (!wanted(chosen.sheet.name) && headerSheets.some((h) => !h.leftOut && h.sheet !== chosen!.sheet)) headerSheets[0]!.leftOut = true;
  const countyFromSheets = headerSheets.some((h) => h.unit !== undefined);

  // 3. The title area (rows above the header, and cover sheets before the list).
  const titleRows = chosen.rows.filter((r) => r.row < layout!.headerRows[0]!).map((r) => ({ row: r.row, text: rowLine(r) }));
  const titleLines = chosen.rows.filter((r) => r.row < layout!.headerRows[0]!).flatMap((r) => r.cells.map((c) => cellText(c)));
  const chosenIndex = book.sheets.indexOf(chosen.sheet);
  for (const c of candidates) {
    if (c === chosen || book.sheets.indexOf(c.sheet) > chosenIndex || (c.layout !== null && c.layout.missing.length === 0)) continue;
    titleLines.push(...c.rows.slice(0, 30).flatMap((r) => r.cells.map((cell) => cellText(cell))));
  }
  const facts = parseTitleLines(titleLines);
  const title: TitleInfo = { ...facts };
  const fallbackYear =
    options.year ?? title.year ?? (title.decisionDate ? Number(title.decisionDate.slice(0, 4)) : null) ?? yearInFileName(fileName);

  const missingFields = layout.missing.filter((f) => !(f === 'county' && countyFromSheets));
  const baseLayout = (cols: InspectColumn[], preview: { row: number; cells: string[] }[]): PipelineLayout => ({
    format: book.format,
    encoding: book.encoding,
    encodingDetected: book.encodingDetected,
    sheets: sheetsOut,
    sheet: sheetName,
    kind: layout!.kind,
    kindDetected,
    headerRows: layout!.headerRows,
    headerRow: layout!.headerRow,
    columns: cols,
    preview,
    titleRows,
    title,
    remembered: layout!.remembered,
    headerSignature: layout!.signature,
    mapping: mappingOf(layout!),
    missingFields,
    headerSheets: headerSheets.map((h) => ({
      name: h.sheet.name,
      headerRow: h.layout.headerRow,
      countyKo: h.unit?.nameKo ?? null,
      countyEn: h.unit?.nameEn ?? null,
      leftOut: h.leftOut,
    })),
  });

  // 4a. Inspect: columns with samples, and the first rows under the header.
  if (request.task === 'inspect') {
    const below: RawRow[] = [];
    const headerRow = layout.headerRow;
    const more = chosen.rows.filter((r) => r.row > headerRow);
    below.push(...more);
    if (below.length < SAMPLE_ROWS && chosen.rows.length >= DETECT_ROWS) {
      below.length = 0;
      await book.readSheet(
        chosen.sheet,
        (row) => {
          if (row.row > headerRow) below.push(row);
          return below.length < SAMPLE_ROWS;
        },
        signal ? { signal } : {},
      );
    }
    const width = Math.max(layout.columns.length, ...below.slice(0, SAMPLE_ROWS).map((r) => r.cells.length));
    const columns: InspectColumn[] = [];
    for (let i = 0; i < Math.min(width, 200); i++) {
      const c = layout.columns[i];
      const samples: string[] = [];
      for (const r of below) {
        const t = cleanText(cellText(r.cells[i]));
        if (t !== '' && !samples.includes(t)) samples.push(t.length > 40 ? `${t.slice(0, 40)}…` : t);
        if (samples.length >= 3) break;
      }
      if (!c && samples.length === 0) continue;
      columns.push({
        index: i,
        letter: c?.letter ?? columnLetter(i),
        header: c?.header ?? '',
        hidden: c?.hidden ?? chosen.hidden.includes(i),
        field: c?.field ?? null,
        source: c?.source ?? 'none',
        samples,
      });
    }
    const preview = below
      .filter((r) => r.cells.some((c) => cleanText(cellText(c)) !== ''))
      .slice(0, PREVIEW_ROWS)
      .map((r) => ({ row: r.row, cells: columns.map((c) => cleanText(cellText(r.cells[c.index]))) }));
    return { layout: baseLayout(columns, preview), countyMatches: [], rowsRead: below.length };
  }

  // 4b. Rows: every row under the header, checked, in batches.
  if (missingFields.length > 0) {
    throw new LedgerError('import_missing_columns', `${fileName}: the header maps no ${missingFields.join(', ')}`, {
      file: fileName,
      fieldsKo: missingFields.map((f) => fieldLabel(f, 'ko')).join(', '),
      fieldsEn: missingFields.map((f) => fieldLabel(f, 'en')).join(', '),
      sheet: chosen.sheet.name,
    });
  }
  sink.layout?.(baseLayout(layout.columns.map((c) => ({ ...c, samples: [] })), []));
  const sheetsToRead = headerSheets.filter((h) => !h.leftOut);
  const several = headerSheets.length > 1;
  let processor: RowProcessor | null = null;
  let batch: RowResult[] = [];
  // Rows of the current batch handed to sink.collect already.
  let collected = 0;
  let pendingBlanks: RowResult[] = [];
  let rowsRead = 0;
  let dataRows = 0;
  let cellsBelowHeader = 0;
  // A collecting sink gets the rows a few dozen at a time, so they need not wait in memory for the
  // batch: they die young (a batch of live rows makes V8 allocate every later row in old space).
  const handOn = () => {
    if (sink.collect === undefined || batch.length === 0) return;
    collected += batch.length;
    sink.collect(batch);
    batch = [];
  };
  const flush = async () => {
    handOn();
    if (batch.length + collected === 0) return;
    const out = batch;
    batch = [];
    collected = 0;
    await sink.rows(out);
  };

  for (const { sheet, unit, layout: sheetLayout } of sheetsToRead) {
    const ctx: RowContext = {
      layout: sheetLayout,
      matcher,
      year: fallbackYear,
      term: options.term ?? title.term,
      province: options.province ?? null,
      countyChoices: options.countyChoices ?? {},
    };
    if (several) ctx.sheet = sheet.name;
    if (unit) ctx.sheetCounty = unit;
    if (processor === null) processor = processorFor(layout.kind, ctx);
    else processor.setContext(ctx);
    const proc = processor;
    const headerRow = sheetLayout.headerRow;
    pendingBlanks = [];
    let lastRow = headerRow;
    await book.readSheet(
      sheet,
      (row) => {
        rowsRead++;
        if (row.row <= headerRow) return;
        if (row.row > lastRow + 1) {
          // Rows a sheet leaves out are blank rows.
          const gap: RowResult = { row: lastRow + 1, status: 'skip', skip: 'blank' };
          if (row.row - 1 > lastRow + 1) gap.through = row.row - 1;
          if (ctx.sheet !== undefined) gap.sheet = ctx.sheet;
          pendingBlanks.push(gap);
        }
        lastRow = row.row;
        const skip = proc.classify(row);
        if (skip === 'blank') {
          const blank: RowResult = { row: row.row, status: 'skip', skip: 'blank' };
          if (ctx.sheet !== undefined) blank.sheet = ctx.sheet;
          pendingBlanks.push(blank);
          return;
        }
        cellsBelowHeader++;
        if (pendingBlanks.length > 0) {
          batch.push(...pendingBlanks);
          pendingBlanks = [];
        }
        if (skip !== null) {
          const r: RowResult = { row: row.row, status: 'skip', skip };
          if (ctx.sheet !== undefined) r.sheet = ctx.sheet;
          batch.push(r);
          return;
        }
        dataRows++;
        batch.push(proc.process(row));
        if (batch.length >= HAND_ON) handOn();
      },
      {
        ...(signal ? { signal } : {}),
        onChunk: async (stats, fraction) => {
          const total = stats.dimensionRows ?? (fraction > 0.02 ? Math.round(stats.rows / fraction) : null);
          sink.progress({ rowsRead, total: total === null ? null : Math.max(total, rowsRead) });
          handOn();
          if (batch.length + collected >= BATCH) {
            await flush();
          }
        },
      },
    );
    if (signal?.aborted) break;
  }
  await flush();
  sink.progress({ rowsRead, total: rowsRead });
  if (dataRows === 0 && !signal?.aborted) {
    throw new LedgerError(cellsBelowHeader === 0 && rowsRead <= layout.headerRow ? 'import_empty_sheet' : 'import_zero_rows', `${fileName}: no data rows under the header`, {
      file: fileName,
      sheet: chosen.sheet.name,
      row: layout.headerRow,
    });
  }
  return {
    layout: baseLayout(
      layout.columns.map((c) => ({ ...c, samples: [] })),
      [],
    ),
    countyMatches: processor ? [...processor.countyMatches.values()] : [],
    rowsRead,
  };
}
