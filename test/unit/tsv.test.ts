import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/main/spreadsheet/csv';
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

  it('keeps formulas inert like the exports do: =HYPERLINK, +cmd|, @SUM, -… and full-width ＝ never reach Excel live', () => {
    const live = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(A1:A9)', '-2+3', '＝1+1', '\t=1'];
    const rows = live.map((text) => [{ text }, { text: '정상' }]);
    const tsv = formatTsv(rows);
    const html = formatHtmlTable(rows);
    for (const line of tsv.trimEnd().split('\r\n')) {
      const first = line.split('\t')[0]!;
      // An apostrophe first (quoted when the cell must be): Excel takes it as text and hides it.
      expect(first.replace(/^"/, '').startsWith("'"), first).toBe(true);
    }
    expect(tsv.split('\r\n')[0]).toBe(`"'=HYPERLINK(""http://x"",""y"")"\t정상`);
    expect(tsv.split('\r\n')[1]).toBe("'+cmd|' /C calc'!A0\t정상");
    expect(html).toContain(`<td style="mso-number-format:'\\@'">'@SUM(A1:A9)</td><td>정상</td>`);
    expect(html).not.toMatch(/<td[^>]*>[=+\-@＝]/);
    // The same rule as the CSV export (one rule: src/shared/formula-guard.ts).
    for (const text of live) expect(csvText(text).replace(/^"/, '').startsWith("'")).toBe(true);
    // Pasted back into a grid, the copy is the text it was.
    expect(parseTsv(tsv).map((r) => r[0])).toEqual(live);
    // Dates and plain text stay as they were.
    expect(formatTsv([[{ text: '2027-03-14', isDate: true }, { text: '김철' }]])).toBe('2027-03-14\t김철\r\n');
  });
});
