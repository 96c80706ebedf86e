import { describe, expect, it } from 'vitest';
import { formatHtmlTable, formatTsv, parseTsv } from '../../src/shared/tsv';

describe('clipboard TSV', () => {
  it('reads a block as Excel and LibreOffice copy it, with quoted cells holding line breaks, tabs and quotes', () => {
    const text = '김철\t남\t2027.03.14\r\n"리\r\n영희"\t녀\t"주소 ""가""\t동"\r\n';
    expect(parseTsv(text)).toEqual([
      ['김철', '남', '2027.03.14'],
      ['리\n영희', '녀', '주소 "가"\t동'],
    ]);
  });

  it('keeps empty cells and a last line without a line break', () => {
    expect(parseTsv('a\t\tc\n\tb\t')).toEqual([
      ['a', '', 'c'],
      ['', 'b', ''],
    ]);
  });

  it('writes service numbers so Excel keeps their leading zeros, and reads them back', () => {
    const tsv = formatTsv([
      [{ text: '007123', keepAsText: true }, { text: '박순희' }, { text: '1999-01-02', isDate: true }],
      [{ text: '254-16403', keepAsText: true }, { text: '줄\n바꿈' }, { text: '' }],
    ]);
    expect(tsv).toBe('="007123"\t박순희\t1999-01-02\r\n="254-16403"\t"줄\n바꿈"\t\r\n');
    expect(parseTsv(tsv)).toEqual([
      ['007123', '박순희', '1999-01-02'],
      ['254-16403', '줄\n바꿈', ''],
    ]);
  });

  it('puts an HTML table beside the text with text and date formats for Excel', () => {
    const html = formatHtmlTable([[{ text: '007123', keepAsText: true }, { text: '<b>' }, { text: '2027-03-14', isDate: true }]]);
    expect(html).toContain(`<td style="mso-number-format:'\\@'">007123</td>`);
    expect(html).toContain('<td>&lt;b&gt;</td>');
    expect(html).toContain(`mso-number-format:'yyyy\\.mm\\.dd'">2027-03-14</td>`);
  });
});
