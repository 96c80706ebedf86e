// Tab-separated text as spreadsheets put it on the clipboard (Excel, LibreOffice): quoted cells may
// hold tabs, quotes and line breaks. Reading it for pastes, writing it (with an HTML table beside
// it) for copies that paste back into Excel without losing leading zeros or dates. Text that a
// spreadsheet would read as a formula is made inert by the exports' own rule (formula-guard.ts).
import { fromInertText, inertText, looksLikeFormula } from './formula-guard';

/** Parses clipboard text into rows of cells. A trailing line break ends the last row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const src = text.replace(/\r\n?/g, '\n');
  let atCellStart = true;
  while (i < src.length) {
    const ch = src[i]!;
    if (atCellStart && ch === '"') {
      // A quoted cell: up to the closing quote; "" is a quote.
      i++;
      for (;;) {
        if (i >= src.length) break;
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += src[i];
        i++;
      }
      atCellStart = false;
      continue;
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.map((r) => r.map((cell) => fromInertText(unwrapExcelText(cell))));
}

/** `="007123"` (how a copy keeps Excel from reading text as a number) back to `007123`. */
export function unwrapExcelText(cell: string): string {
  const m = /^="((?:[^"]|"")*)"$/.exec(cell);
  return m ? m[1]!.replace(/""/g, '"') : cell;
}

export interface CopyCell {
  text: string;
  /** Text Excel must not read as a number or date (service numbers). */
  keepAsText?: boolean;
  /** An ISO date (yyyy-mm-dd): written so Excel makes it a date cell. */
  isDate?: boolean;
}

function tsvCell(cell: CopyCell): string {
  let text = cell.isDate ? cell.text : inertText(cell.text);
  if (cell.keepAsText && /^[0-9][0-9\-./ ]*$/.test(text)) text = `="${text}"`;
  return /[\t\n\r"]/.test(text) && !text.startsWith('="') ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as TSV, as Excel writes it (CRLF line ends). */
export function formatTsv(rows: readonly (readonly CopyCell[])[]): string {
  return rows.map((row) => row.map(tsvCell).join('\t')).join('\r\n') + '\r\n';
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The same rows as an HTML table, which Excel and LibreOffice prefer over plain text when both
 * are on the clipboard: text cells are marked as text (leading zeros kept), dates as dates.
 */
export function formatHtmlTable(rows: readonly (readonly CopyCell[])[]): string {
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell) => {
            const formula = !cell.isDate && looksLikeFormula(cell.text);
            const style =
              cell.keepAsText || formula
                ? ` style="mso-number-format:'\\@'"`
                : cell.isDate
                  ? ` style="mso-number-format:'yyyy\\.mm\\.dd'"`
                  : '';
            return `<td${style}>${escapeHtml(formula ? inertText(cell.text) : cell.text).replace(/\n/g, '<br style="mso-data-placement:same-cell">')}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<meta charset="utf-8"><table>${body}</table>`;
}
