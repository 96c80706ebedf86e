// Finding the header in the first rows of a sheet: which row (or two rows, with merged group
// cells such as 배치지 over 도 / 시,군 / 부문), what kind of file, and which column is which field —
// then the mapping the clerk corrected earlier for the same headers, then today's corrections.
import { createHash } from 'node:crypto';
import type { MappingSource } from '../../shared/api/import.contract';
import { DECISION_FIELDS, REQUEST_FIELDS, REQUIRED_FIELDS, type ImportField, type ImportKind } from '../../shared/api/import.fields';
import { cleanText, parseDateText } from '../../shared/normalize';
import { fieldOfHeader, headerKey, isGroupHeader } from './normalize';
import { columnLetter, serialToIso } from '../spreadsheet/cells';
import { ExcelDate, type CellValue, type RawRow } from '../spreadsheet/read/xlsx';

export interface LayoutColumn {
  index: number;
  letter: string;
  header: string;
  hidden: boolean;
  field: ImportField | null;
  source: MappingSource;
}

export interface Layout {
  kind: ImportKind;
  headerRows: number[];
  headerRow: number;
  columns: LayoutColumn[];
  fieldColumns: Partial<Record<ImportField, number>>;
  /** Stable for the same header texts (and kind): the key of a remembered mapping. */
  signature: string;
  remembered: boolean;
  score: number;
  missing: ImportField[];
}

export interface RememberedMapping {
  signature: string;
  kind: ImportKind;
  mapping: Record<string, ImportField | null>;
}

/** An Excel date serial as the ledger's ISO date: null outside the years a ledger date may take. */
export function excelSerialToIso(serial: number): string | null {
  const iso = serialToIso(serial);
  return iso === null ? null : parseDateText(iso);
}

/** How a cell reads as text (dates as ISO, numbers in their shortest form). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof ExcelDate) return excelSerialToIso(Math.floor(value.serial)) ?? String(value.serial);
  return String(value);
}

function rowWidth(row: RawRow | undefined): number {
  return row ? row.cells.length : 0;
}

function nonEmpty(row: RawRow | undefined): number {
  if (!row) return 0;
  let n = 0;
  for (const c of row.cells) if (cellText(c).trim() !== '') n++;
  return n;
}

interface Candidate {
  kind: ImportKind;
  rows: number[];
  headers: string[];
  fields: (ImportField | null)[];
  score: number;
  complete: boolean;
}

function fieldsOf(kind: ImportKind, headers: string[], groups: string[]): (ImportField | null)[] {
  const seen = new Set<ImportField>();
  return headers.map((h, i) => {
    const f = fieldOfHeader(kind, h, groups[i] ?? '');
    if (f === null || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

function score(kind: ImportKind, fields: (ImportField | null)[]): { score: number; complete: boolean } {
  const present = new Set(fields.filter((f): f is ImportField => f !== null && f !== 'rowNo' && f !== 'notes'));
  const complete = REQUIRED_FIELDS[kind].every((f) => present.has(f));
  return { score: present.size, complete };
}

function singleRow(kind: ImportKind, row: RawRow): Candidate {
  const headers = Array.from({ length: rowWidth(row) }, (_, i) => cleanText(cellText(row.cells[i])));
  const fields = fieldsOf(kind, headers, []);
  return { kind, rows: [row.row], headers, fields, ...score(kind, fields) };
}

/** Two header rows: the upper may hold group cells (merged across) or cells merged downwards. */
function twoRows(kind: ImportKind, upper: RawRow, lower: RawRow): Candidate {
  const width = Math.max(rowWidth(upper), rowWidth(lower));
  const headers: string[] = [];
  const groups: string[] = [];
  const texts: string[] = [];
  let group = '';
  for (let i = 0; i < width; i++) {
    const u = cleanText(cellText(upper.cells[i]));
    const l = cleanText(cellText(lower.cells[i]));
    if (u !== '') group = isGroupHeader(u) ? u : '';
    if (u !== '' && l !== '') {
      headers.push(l);
      groups.push(u);
      texts.push(`${u} / ${l}`);
    } else if (u !== '') {
      headers.push(u);
      groups.push('');
      texts.push(u);
    } else if (l !== '') {
      headers.push(l);
      groups.push(group);
      texts.push(group !== '' ? `${group} / ${l}` : l);
    } else {
      headers.push('');
      groups.push('');
      texts.push('');
    }
  }
  const seen = new Set<ImportField>();
  const fields = headers.map((h, i) => {
    let f = fieldOfHeader(kind, h, groups[i] ?? '');
    // An upper cell that is itself a header (merged downwards over an unrelated lower cell).
    if (f === null && groups[i]) f = fieldOfHeader(kind, groups[i]!);
    if (f === null || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
  return { kind, rows: [upper.row, lower.row], headers: texts, fields, ...score(kind, fields) };
}

function better(a: Candidate | null, b: Candidate): boolean {
  if (a === null) return true;
  if (b.complete !== a.complete) return b.complete;
  return b.score > a.score;
}

/** Finds the header among the first rows. `headerRow` (the last header row) pins it. */
export function detectLayout(
  rows: readonly RawRow[],
  options: {
    kind?: ImportKind;
    headerRow?: number;
    hiddenColumns?: readonly number[];
    mapping?: Record<string, ImportField | null>;
    remembered?: readonly RememberedMapping[];
  } = {},
): Layout | null {
  const kinds: ImportKind[] = options.kind ? [options.kind] : ['decision', 'requests'];
  let best: Candidate | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1];
    const pinned = options.headerRow;
    if (pinned !== undefined && row.row !== pinned && next?.row !== pinned) continue;
    if (nonEmpty(row) < (pinned === undefined ? 2 : 1)) continue;
    for (const kind of kinds) {
      if (pinned === undefined || row.row === pinned) {
        const single = singleRow(kind, row);
        if (single.score >= (pinned === undefined ? 2 : 0) && better(best, single)) best = single;
      }
      if (next && next.row === row.row + 1 && (pinned === undefined || next.row === pinned) && nonEmpty(next) >= 1) {
        const double = twoRows(kind, row, next);
        const alone = singleRow(kind, row);
        // The lower row must add to the header, not be the first data row — and the upper row
        // too, not be a title above it (its year and term belong to the title area).
        const lower = singleRow(kind, next);
        if (double.score > alone.score && double.score > lower.score && double.score >= 2 && better(best, double)) best = double;
      }
    }
  }
  if (best === null) return null;
  const hidden = new Set(options.hiddenColumns ?? []);
  const allFields: readonly ImportField[] = best.kind === 'decision' ? DECISION_FIELDS : REQUEST_FIELDS;
  const columns: LayoutColumn[] = best.headers.map((header, index) => ({
    index,
    letter: columnLetter(index),
    header,
    hidden: hidden.has(index),
    field: best.fields[index] ?? null,
    source: best.fields[index] ? 'auto' : 'none',
  }));
  // Trailing empty headers carry nothing.
  while (columns.length > 0 && columns[columns.length - 1]!.header === '' && columns[columns.length - 1]!.field === null) columns.pop();
  const signature = createHash('sha256')
    .update(`${best.kind}\u0001${columns.map((c) => headerKey(c.header)).join('\u0002')}`)
    .digest('hex')
    .slice(0, 32);
  let remembered = false;
  const memory = options.remembered?.find((m) => m.signature === signature && m.kind === best.kind);
  if (memory) {
    remembered = true;
    applyMapping(columns, memory.mapping, 'remembered', allFields);
  }
  if (options.mapping) applyMapping(columns, options.mapping, 'clerk', allFields);
  const fieldColumns: Partial<Record<ImportField, number>> = {};
  for (const c of columns) if (c.field !== null && fieldColumns[c.field] === undefined) fieldColumns[c.field] = c.index;
  const missing = REQUIRED_FIELDS[best.kind].filter((f) => fieldColumns[f] === undefined);
  return {
    kind: best.kind,
    headerRows: best.rows,
    headerRow: best.rows[best.rows.length - 1]!,
    columns,
    fieldColumns,
    signature,
    remembered,
    score: best.score,
    missing,
  };
}

function applyMapping(
  columns: LayoutColumn[],
  mapping: Record<string, ImportField | null>,
  source: MappingSource,
  allowed: readonly ImportField[],
): void {
  for (const [key, field] of Object.entries(mapping)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index > 16_383) continue;
    if (field !== null && !allowed.includes(field)) continue;
    while (columns.length <= index)
      columns.push({ index: columns.length, letter: columnLetter(columns.length), header: '', hidden: false, field: null, source: 'none' });
    const column = columns[index]!;
    if (column.field === field) continue;
    // A field belongs to one column: the one chosen now.
    if (field !== null)
      for (const other of columns)
        if (other.field === field && other !== column) {
          other.field = null;
          other.source = source;
        }
    column.field = field;
    column.source = source;
  }
}

/** The full mapping of a layout (for remembering it): column index → field. */
export function mappingOf(layout: Layout): Record<string, ImportField | null> {
  const out: Record<string, ImportField | null> = {};
  for (const c of layout.columns) if (c.header !== '' || c.field !== null) out[String(c.index)] = c.field;
  return out;
}
