// The look shared by every workbook the export writes: an official document, not a data dump —
// a title, a plain header band, thin grey rules, dates yyyy.mm.dd, counts with separators.
import type { Language } from '../../shared/domain';
import { interpolate, messages } from '../../shared/i18n';
import type { Term } from '../../shared/domain';
import type { CellStyle, StyleSheet } from '../spreadsheet/write/styles';
import type { PrintSetup } from '../spreadsheet/write/writer';
import { hfText } from '../spreadsheet/write/writer';

export const DATE_FORMAT = 'yyyy\\.mm\\.dd';
export const COUNT_FORMAT = '#,##0';

const RULE = 'FFA6AFBD';
const HEADER_FILL = 'FFE3E9F2';
const GROUP_RULE = 'FF44546A';
const SUBTOTAL_FILL = 'FFF1F4F8';
const TOTAL_FILL = 'FFDCE3ED';
const PENDING_FILL = 'FFFFF3D6';

const all = (kind: 'thin' | 'hair' | 'medium', color = RULE) => ({ top: kind, bottom: kind, left: kind, right: kind, color });

export interface TableStyles {
  title: number;
  subtitle: number;
  note: number;
  header: number;
  headerGroup: number;
  text: number;
  textCenter: number;
  textWrap: number;
  number: number;
  count: number;
  date: number;
  /** The same, with a darker rule above: the first row of a workplace group. */
  groupStart: { text: number; textCenter: number; textWrap: number; number: number; date: number; count: number };
  pending: number;
  pendingStart: number;
  subtotalText: number;
  subtotalCount: number;
  totalText: number;
  totalCount: number;
  label: number;
  value: number;
  valueDate: number;
  sectionHeading: number;
}

/** Registers the shared styles in a workbook (one xf each, whatever the row count). */
export function tableStyles(styles: StyleSheet): TableStyles {
  const cell: CellStyle = { border: all('thin'), align: { vertical: 'center' } };
  const start = (s: CellStyle): CellStyle => ({ ...s, border: { ...all('thin'), top: 'medium', color: s.border?.color ?? RULE } });
  const variants = {
    text: cell,
    textCenter: { ...cell, align: { horizontal: 'center', vertical: 'center' } } as CellStyle,
    textWrap: { ...cell, align: { vertical: 'center', wrap: true } } as CellStyle,
    number: { ...cell, align: { horizontal: 'center', vertical: 'center' } } as CellStyle,
    date: { ...cell, numFmt: DATE_FORMAT, align: { horizontal: 'center', vertical: 'center' } } as CellStyle,
    count: { ...cell, numFmt: COUNT_FORMAT, align: { horizontal: 'right', vertical: 'center' } } as CellStyle,
  };
  const pending: CellStyle = { ...cell, font: { italic: true, color: 'FF7A4B00' }, fill: PENDING_FILL };
  return {
    title: styles.add({ font: { bold: true, size: 16 }, align: { horizontal: 'center', vertical: 'center' } }),
    subtitle: styles.add({ font: { size: 10, color: 'FF3A4656' }, align: { horizontal: 'center', vertical: 'center' } }),
    note: styles.add({ font: { size: 9, color: 'FF5B6675' }, align: { vertical: 'center' } }),
    header: styles.add({
      font: { bold: true },
      fill: HEADER_FILL,
      border: { ...all('thin', 'FF7F8A99'), bottom: 'medium' },
      align: { horizontal: 'center', vertical: 'center', wrap: true },
    }),
    headerGroup: styles.add({
      font: { bold: true },
      fill: 'FFD3DCE8',
      border: all('thin', 'FF7F8A99'),
      align: { horizontal: 'center', vertical: 'center' },
    }),
    text: styles.add(variants.text),
    textCenter: styles.add(variants.textCenter),
    textWrap: styles.add(variants.textWrap),
    number: styles.add(variants.number),
    count: styles.add(variants.count),
    date: styles.add(variants.date),
    groupStart: {
      text: styles.add(start(variants.text)),
      textCenter: styles.add(start(variants.textCenter)),
      textWrap: styles.add(start(variants.textWrap)),
      number: styles.add(start(variants.number)),
      date: styles.add(start(variants.date)),
      count: styles.add(start(variants.count)),
    },
    pending: styles.add(pending),
    pendingStart: styles.add({ ...start(pending), border: { ...all('thin'), top: 'medium', color: GROUP_RULE } }),
    subtotalText: styles.add({ ...cell, font: { bold: true }, fill: SUBTOTAL_FILL }),
    subtotalCount: styles.add({ ...variants.count, font: { bold: true }, fill: SUBTOTAL_FILL }),
    totalText: styles.add({ ...cell, font: { bold: true }, fill: TOTAL_FILL, border: { ...all('thin'), top: 'double' } }),
    totalCount: styles.add({ ...variants.count, font: { bold: true }, fill: TOTAL_FILL, border: { ...all('thin'), top: 'double' } }),
    label: styles.add({ font: { bold: true, color: 'FF3A4656' }, border: { bottom: 'hair', color: RULE }, align: { vertical: 'center' } }),
    value: styles.add({ border: { bottom: 'hair', color: RULE }, align: { horizontal: 'left', vertical: 'center', wrap: true } }),
    valueDate: styles.add({
      numFmt: DATE_FORMAT,
      border: { bottom: 'hair', color: RULE },
      align: { horizontal: 'left', vertical: 'center' },
    }),
    sectionHeading: styles.add({ font: { bold: true, size: 11 }, align: { vertical: 'bottom' } }),
  };
}

export function workbookWords(language: Language) {
  return messages[language].export.workbook;
}

export function termName(language: Language, term: Term): string {
  return workbookWords(language).terms[term];
}

/** Print setup of a wide list: A4 landscape, one page wide, header row(s) on every page. */
export function listPrint(language: Language, repeatRows: [number, number], left: string, right: string): PrintSetup {
  const words = workbookWords(language);
  return {
    orientation: 'landscape',
    fitToWidth: true,
    repeatRows,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
    header: { left: hfText(left), right: hfText(right) },
    footer: { center: interpolate(hfText(words.pageFooter), { page: '&P', pages: '&N' }) },
  };
}
