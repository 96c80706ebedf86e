// The import report as an xlsx workbook the clerk can keep, print or send back with the file:
// a summary, every problem with its row and column, and how each city/county was matched.
// exceljs's streaming writer (its reader is what we avoid; its writer is fine at this size).
import ExcelJS from 'exceljs';
import type { ImportIssue, ImportReport } from '../../shared/api/import.contract';
import type { Language } from '../../shared/domain';
import { fieldLabel, importEn, importKo, issueSentence } from '../../shared/i18n/import';

export async function writeReportXlsx(path: string, report: ImportReport, issues: readonly ImportIssue[], language: Language): Promise<void> {
  const s = language === 'ko' ? importKo : importEn;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Placement Ledger';
  const bold = { bold: true };
  const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FB' } };

  const summary = workbook.addWorksheet(s.xlsx.summary);
  summary.columns = [
    { header: s.xlsx.item, key: 'item', width: 28 },
    { header: s.xlsx.value, key: 'value', width: 60 },
  ];
  summary.getRow(1).font = bold;
  summary.getRow(1).fill = headerFill;
  const add = (item: string, value: string | number | null) => summary.addRow({ item, value: value ?? '' }).commit();
  add(s.report.file, report.fileName);
  add(s.report.sha, report.sha256);
  add(s.report.format, `${report.format}${report.encoding ? ` (${report.encoding.toUpperCase()})` : ''}`);
  add(s.report.sheet, report.sheet);
  add(s.report.header, report.headerRow);
  add(s.kinds.label, s.kinds[report.kind]);
  add(s.report.decisionNo, report.title.decisionNo);
  add(s.layout.decisionDate, report.title.decisionDate);
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
  for (const c of report.cohorts) add(`${s.report.cohorts} ${c.year} ${s.terms[c.term]}`, `${c.rows}${c.isNew ? ` (${s.report.cohortNew})` : ''}`);
  add(s.report.issues, report.issuesTotal);
  add(s.xlsx.generated, new Date().toISOString());
  summary.commit();

  const sheet = workbook.addWorksheet(s.xlsx.issues, { views: [{ state: 'frozen', ySplit: 1 }] });
  const hasSheets = issues.some((i) => i.sheet !== undefined);
  sheet.columns = [
    { header: s.report.row, key: 'row', width: 8 },
    ...(hasSheets ? [{ header: s.report.sheet, key: 'sheet', width: 14 }] : []),
    { header: s.report.column, key: 'column', width: 8 },
    { header: s.xlsx.field, key: 'field', width: 16 },
    { header: s.report.code, key: 'severity', width: 10 },
    { header: 'code', key: 'code', width: 24 },
    { header: s.report.message, key: 'message', width: 90 },
  ];
  sheet.getRow(1).font = bold;
  sheet.getRow(1).fill = headerFill;
  for (const issue of issues) {
    sheet
      .addRow({
        row: issue.row,
        sheet: issue.sheet ?? '',
        column: issue.column ?? '',
        field: issue.field ? fieldLabel(issue.field, language) : '',
        severity: s.report.severity[issue.severity],
        code: issue.code,
        message: issueSentence(issue, language),
      })
      .commit();
  }
  sheet.commit();

  const counties = workbook.addWorksheet(s.xlsx.counties);
  counties.columns = [
    { header: s.report.countySource, key: 'source', width: 24 },
    { header: s.fields.province, key: 'province', width: 14 },
    { header: s.report.countyMatched, key: 'matched', width: 24 },
    { header: s.report.countyHow, key: 'how', width: 18 },
    { header: s.report.countyRows, key: 'rows', width: 8 },
    { header: 'candidates', key: 'candidates', width: 40 },
  ];
  counties.getRow(1).font = bold;
  counties.getRow(1).fill = headerFill;
  for (const m of report.countyMatches) {
    counties
      .addRow({
        source: m.source,
        province: m.province ?? '',
        matched: m.nameKo ? `${m.provinceKo ?? ''} ${m.nameKo}`.trim() : '',
        how: s.report.how[m.how],
        rows: m.rows,
        candidates: m.candidates.map((c) => `${c.provinceKo} ${c.nameKo}`).join(', '),
      })
      .commit();
  }
  counties.commit();
  await workbook.commit();
}
