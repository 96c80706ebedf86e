// The import report as an xlsx workbook the clerk can keep, print or send back with the file:
// a summary, every problem with its row, whom the row names (service number and name, or the
// workplace) and its sentence, and how each city/county was matched. Every header is in the
// report's language; no code, id or ISO date reaches the sheet. Written with our own streaming
// xlsx writer (the one the rosters use).
import { dirname } from 'node:path';
import type { ImportIssue, ImportReport } from '../../shared/api/import.contract';
import type { Language } from '../../shared/domain';
import { localDateTime } from '../../shared/grid-display';
import { interpolate } from '../../shared/i18n';
import { fieldLabel, importEn, importKo, issueSentence } from '../../shared/i18n/import';
import { tableStyles } from '../export/workbook-style';
import { XlsxWriter, type SheetColumn } from '../spreadsheet/write/writer';

/** The problems sheet's header row, in the report's language (exported for the tests). */
export function issueHeaders(kind: ImportReport['kind'], language: Language, withSheet: boolean): string[] {
  const s = language === 'ko' ? importKo : importEn;
  const who = kind === 'decision' ? [fieldLabel('serviceNo', language), fieldLabel('name', language)] : [fieldLabel('workplace', language)];
  return [s.report.row, ...(withSheet ? [s.report.sheet] : []), ...who, s.report.column, s.xlsx.field, s.xlsx.severity, s.report.message];
}

export async function writeReportXlsx(
  path: string,
  report: ImportReport,
  issues: readonly ImportIssue[],
  language: Language,
): Promise<void> {
  const s = language === 'ko' ? importKo : importEn;
  const wb = new XlsxWriter(path, { tempDir: dirname(path), title: s.xlsx.title, creator: 'Placement Ledger' });
  try {
    const st = tableStyles(wb.styles);
    const text = (width: number, wrap = false): SheetColumn => ({ type: 'text', minWidth: width, maxWidth: wrap ? width : 60 });

    const summary = wb.addSheet({ name: s.xlsx.summary, columns: [text(24), text(40, true)], freeze: { rows: 1 } });
    summary.addRow([s.xlsx.item, s.xlsx.value], st.header);
    const add = (item: string, value: string | number | null) =>
      summary.addRow([item, value ?? ''], [st.text, typeof value === 'number' ? st.count : st.textWrap]);
    add(s.report.file, report.fileName);
    add(s.report.format, `${report.format}${report.encoding ? ` (${report.encoding.toUpperCase()})` : ''}`);
    add(s.report.sheet, report.sheet);
    add(s.report.header, report.headerRow);
    add(s.kinds.label, s.kinds[report.kind]);
    add(s.report.decisionNo, report.title.decisionNo);
    add(s.layout.decisionDate, report.title.decisionDate === null ? null : report.title.decisionDate.replace(/-/g, '.'));
    add(s.xlsx.committed, report.committed ? s.xlsx.committedYes : s.xlsx.committedNo);
    add(s.report.data, report.rows.data);
    add(s.report.valid, report.rows.valid);
    add(s.report.invalid, report.rows.invalid);
    add(`${s.report.skipped} (${s.report.skippedHelp})`, report.rows.skipped);
    if (report.kind === 'decision') {
      add(`${s.report.persons} — ${s.report.new}`, report.persons.new);
      add(`${s.report.persons} — ${s.report.updated}`, report.persons.updated);
      add(`${s.report.persons} — ${s.report.unchanged}`, report.persons.unchanged);
      add(`${s.report.placements} — ${s.report.new}`, report.placements.new);
      add(`${s.report.placements} — ${s.report.moved}`, report.placements.moved);
      add(`${s.report.placements} — ${s.report.unchanged}`, report.placements.unchanged);
    } else {
      add(`${s.report.requests} — ${s.report.new}`, report.requests.new);
      add(`${s.report.requests} — ${s.report.updated}`, report.requests.updated);
      add(`${s.report.requests} — ${s.report.unchanged}`, report.requests.unchanged);
    }
    for (const c of report.cohorts) {
      const cohort = interpolate(s.cohortLabel, { year: c.year, term: s.terms[c.term] });
      add(`${s.report.cohorts} ${cohort}`, c.isNew ? `${c.rows} (${s.report.cohortNew})` : c.rows);
    }
    add(s.report.issues, report.issuesTotal);
    add(s.xlsx.generated, localDateTime(new Date().toISOString(), { seconds: false }));
    add(s.report.sha, report.sha256);
    await summary.close();

    const withSheet = issues.some((i) => i.sheet !== undefined);
    const headers = issueHeaders(report.kind, language, withSheet);
    const columns: SheetColumn[] = [
      { type: 'number', minWidth: 6 },
      ...(withSheet ? [text(12)] : []),
      ...(report.kind === 'decision' ? [text(12), text(10)] : [text(20)]),
      { type: 'text', minWidth: 5 },
      text(10),
      text(6),
      text(70, true),
    ];
    const sheet = wb.addSheet({ name: s.xlsx.issues, columns, freeze: { rows: 1 }, autoFilterRow: 1 });
    sheet.addRow(headers, st.header);
    const styles = columns.map((c, i) => (i === columns.length - 1 ? st.textWrap : c.type === 'number' ? st.number : st.text));
    for (const issue of issues) {
      const who = report.kind === 'decision' ? [issue.serviceNo ?? '', issue.name ?? ''] : [issue.workplace ?? ''];
      const values = [
        issue.row,
        ...(withSheet ? [issue.sheet ?? ''] : []),
        ...who,
        issue.column ?? '',
        issue.field ? fieldLabel(issue.field, language) : '',
        s.report.severity[issue.severity],
        issueSentence(issue, language),
      ];
      if (!sheet.addRow(values, styles)) await sheet.drain();
    }
    await sheet.close();

    const counties = wb.addSheet({
      name: s.xlsx.counties,
      columns: [text(16), text(10), text(16), text(12), { type: 'number', minWidth: 6 }, text(40, true)],
      freeze: { rows: 1 },
    });
    counties.addRow(
      [s.report.countySource, s.fields.province, s.report.countyMatched, s.report.countyHow, s.report.countyRows, s.xlsx.candidates],
      st.header,
    );
    const region = (ko: string | null | undefined, en: string | null | undefined, province?: string | null) => {
      const name = language === 'ko' ? ko : (en ?? ko);
      return province ? `${name ?? ''}${language === 'ko' ? ' ' : ', '}${province}`.trim() : (name ?? '');
    };
    const place = (
      nameKo: string,
      nameEn: string | null | undefined,
      provinceKo: string | null | undefined,
      provinceEn: string | null | undefined,
    ) => (language === 'ko' ? `${provinceKo ?? ''} ${nameKo}`.trim() : region(nameKo, nameEn, provinceEn));
    for (const m of report.countyMatches) {
      counties.addRow(
        [
          m.source,
          region(m.province, m.provinceFileEn),
          m.nameKo ? place(m.nameKo, m.nameEn, m.provinceKo, m.provinceEn) : '',
          s.report.how[m.how],
          m.rows,
          m.candidates.map((c) => place(c.nameKo, c.nameEn, c.provinceKo, c.provinceEn)).join(language === 'ko' ? ', ' : '; '),
        ],
        [st.text, st.text, st.text, st.text, st.number, st.textWrap],
      );
    }
    await counties.close();
    await wb.close();
  } catch (error) {
    wb.abort();
    throw error;
  }
}
