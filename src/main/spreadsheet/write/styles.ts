// Shared cell styles of a workbook: each distinct style is one `xf` in styles.xml; cells refer
// to it by index. Fonts, fills, borders and number formats are de-duplicated.
import { xmlAttr } from './xml';

export type BorderKind = 'thin' | 'medium' | 'hair' | 'double' | 'dotted';

export interface CellStyle {
  font?: { bold?: boolean; italic?: boolean; size?: number; color?: string; name?: string; underline?: boolean };
  /** Solid fill, ARGB like 'FFEEF2F7'. */
  fill?: string;
  border?: { top?: BorderKind; bottom?: BorderKind; left?: BorderKind; right?: BorderKind; color?: string };
  /** Number format code, e.g. 'yyyy\\.mm\\.dd', '#,##0', '@'. */
  numFmt?: string;
  align?: {
    horizontal?: 'left' | 'center' | 'right' | 'centerContinuous';
    vertical?: 'top' | 'center' | 'bottom';
    wrap?: boolean;
    indent?: number;
    shrink?: boolean;
  };
  /**
   * The cell is text that must stay text: Excel shows it without the apostrophe but never reads it
   * as a formula, also after the clerk edits the cell (formula-injection guard).
   */
  quotePrefix?: boolean;
}

const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '@': 49 };

export const DEFAULT_FONT = { name: '맑은 고딕', size: 10 };

export class StyleSheet {
  private readonly fonts: string[] = [];
  private readonly fills: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly borders: string[] = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly numFmts = new Map<string, number>();
  private readonly xfs: string[] = [];
  private readonly xfIndex = new Map<string, number>();
  private readonly specs: CellStyle[] = [];
  private readonly quotedOf = new Map<number, number>();

  constructor(readonly defaultFont = DEFAULT_FONT) {
    this.fonts.push(this.fontXml({}));
    this.add({}); // xf 0: the default
  }

  private fontXml(font: NonNullable<CellStyle['font']>): string {
    return (
      '<font>' +
      (font.bold ? '<b/>' : '') +
      (font.italic ? '<i/>' : '') +
      (font.underline ? '<u/>' : '') +
      `<sz val="${font.size ?? this.defaultFont.size}"/>` +
      (font.color ? `<color rgb="${font.color}"/>` : '') +
      `<name val="${xmlAttr(font.name ?? this.defaultFont.name)}"/>` +
      '<family val="3"/><charset val="129"/>' +
      '</font>'
    );
  }

  private indexOf(list: string[], xml: string): number {
    const found = list.indexOf(xml);
    if (found >= 0) return found;
    list.push(xml);
    return list.length - 1;
  }

  private numFmtId(code: string | undefined): number {
    if (code === undefined) return 0;
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  /** The xf index of a style (the same index for the same style). */
  add(style: CellStyle): number {
    const key = JSON.stringify(style);
    const existing = this.xfIndex.get(key);
    if (existing !== undefined) return existing;
    const fontId = style.font ? this.indexOf(this.fonts, this.fontXml(style.font)) : 0;
    const fillId = style.fill
      ? this.indexOf(
          this.fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${style.fill}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    let borderId = 0;
    if (style.border) {
      const b = style.border;
      const color = b.color ?? 'FF808080';
      const side = (tag: string, kind: BorderKind | undefined) =>
        kind ? `<${tag} style="${kind}"><color rgb="${color}"/></${tag}>` : `<${tag}/>`;
      borderId = this.indexOf(
        this.borders,
        `<border>${side('left', b.left)}${side('right', b.right)}${side('top', b.top)}${side('bottom', b.bottom)}<diagonal/></border>`,
      );
    }
    const numFmtId = this.numFmtId(style.numFmt);
    const a = style.align;
    const alignment = a
      ? '<alignment' +
        (a.horizontal ? ` horizontal="${a.horizontal}"` : '') +
        (a.vertical ? ` vertical="${a.vertical}"` : '') +
        (a.wrap ? ' wrapText="1"' : '') +
        (a.indent ? ` indent="${a.indent}"` : '') +
        (a.shrink ? ' shrinkToFit="1"' : '') +
        '/>'
      : '';
    const xf =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : '') +
      (fontId ? ' applyFont="1"' : '') +
      (fillId ? ' applyFill="1"' : '') +
      (borderId ? ' applyBorder="1"' : '') +
      (alignment ? ' applyAlignment="1"' : '') +
      (style.quotePrefix ? ' quotePrefix="1"' : '') +
      (alignment ? `>${alignment}</xf>` : '/>');
    this.xfs.push(xf);
    this.specs.push(style);
    const index = this.xfs.length - 1;
    this.xfIndex.set(key, index);
    return index;
  }

  /** The same style as `xf`, marked quotePrefix (text that looks like a formula stays text). */
  quoted(xf: number): number {
    let q = this.quotedOf.get(xf);
    if (q === undefined) {
      const spec = this.specs[xf];
      if (spec === undefined) throw new Error(`no style ${xf}`);
      q = spec.quotePrefix ? xf : this.add({ ...spec, quotePrefix: true });
      this.quotedOf.set(xf, q);
    }
    return q;
  }

  /** The style spec of an xf index (to derive variants). */
  spec(xf: number): CellStyle {
    const spec = this.specs[xf];
    if (spec === undefined) throw new Error(`no style ${xf}`);
    return spec;
  }

  get count(): number {
    return this.xfs.length;
  }

  toXml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (this.numFmts.size ? `<numFmts count="${this.numFmts.size}">${numFmts}</numFmts>` : '') +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/>' +
      '</styleSheet>'
    );
  }
}
