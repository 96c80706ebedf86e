// The Dashboard's workbooks, written by the export feature's exportRows (our xlsx writer: bold
// header row, frozen, A4 landscape one page wide, the header row on every printed page, dates as
// date cells, no value ever a formula): the term's figures per city/county and sector with their
// totals, and one city/county's persons notified and not yet arrived — a list to send or print.
import type Database from 'better-sqlite3';
import type { Language, Term } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { interpolate, messages } from '../../shared/i18n';
import { exportRows, type ExportColumn } from '../export/export-rows';
import { notArrivedRows } from './not-arrived';
import { termFigures } from './term-figures';

interface Target {
  path: string;
  overwrite: boolean;
  language: Language;
}

function cohortName(db: Database.Database, cohortId: number, language: Language): string {
  const cohort = db.prepare('SELECT year, term FROM cohorts WHERE id = ?').get(cohortId) as { year: number; term: Term } | undefined;
  if (!cohort) throw new LedgerError('term_not_found', `no cohort ${cohortId}`);
  return `${cohort.year} ${messages[language].export.workbook.terms[cohort.term]}`;
}

function regionNames(db: Database.Database, language: Language): Map<string, string> {
  const rows = db.prepare('SELECT code, name_ko, name_en FROM regions').all() as { code: string; name_ko: string; name_en: string }[];
  return new Map(rows.map((r) => [r.code, language === 'en' ? r.name_en : r.name_ko]));
}

/** The term's figures per city/county and sector, and a total row. */
export async function exportFiguresWorkbook(
  db: Database.Database,
  cohortId: number,
  target: Target,
): Promise<{ path: string; rows: number }> {
  const m = messages[target.language];
  const d = m.dashboard;
  const names = regionNames(db, target.language);
  const figures = termFigures(db, cohortId);
  const columns: ExportColumn[] = [
    { key: 'province', header: d.province, type: 'text' },
    { key: 'county', header: d.county, type: 'text' },
    { key: 'sector', header: d.sector, type: 'text' },
    { key: 'requested', header: d.requested, type: 'number' },
    { key: 'decided', header: d.decided, type: 'number' },
    { key: 'gap', header: d.gapNumber, type: 'number' },
    { key: 'assigned', header: d.assigned, type: 'number' },
    { key: 'unassigned', header: d.unassigned, type: 'number' },
    { key: 'notified', header: d.notified, type: 'number' },
    { key: 'arrived', header: d.arrived, type: 'number' },
  ];
  const counts = (c: { requested: number; decided: number; assigned: number; notified: number; arrived: number }) => ({
    requested: c.requested,
    decided: c.decided,
    gap: c.decided - c.requested,
    assigned: c.assigned,
    unassigned: c.decided - c.assigned,
    notified: c.notified,
    arrived: c.arrived,
  });
  const rows = [
    ...figures.rows.map((r) => ({
      province: names.get(r.provinceCode) ?? r.provinceCode,
      county: names.get(r.countyCode) ?? r.countyCode,
      sector: m.export.workbook.sectors[r.sector],
      ...counts(r),
    })),
    { province: d.total, county: '', sector: '', ...counts(figures.totals) },
  ];
  const title = interpolate(d.figuresTitle, { term: cohortName(db, cohortId, target.language) });
  const result = await exportRows({
    columns,
    rows,
    format: 'xlsx',
    path: target.path,
    overwrite: target.overwrite,
    title,
    language: target.language,
  });
  return { path: result.path, rows: figures.rows.length };
}

/** One city/county's persons notified and not yet arrived, the longest waiting first. */
export async function exportNotArrivedWorkbook(
  db: Database.Database,
  cohortId: number,
  countyCode: string,
  target: Target & { today: string },
): Promise<{ path: string; rows: number }> {
  const m = messages[target.language];
  const d = m.dashboard;
  const names = regionNames(db, target.language);
  const list = notArrivedRows(db, cohortId, countyCode, target.today);
  const columns: ExportColumn[] = [
    { key: 'no', header: d.no, type: 'number' },
    { key: 'serviceNo', header: d.serviceNo, type: 'text' },
    { key: 'name', header: d.name, type: 'text' },
    { key: 'sector', header: d.sector, type: 'text' },
    { key: 'workplace', header: d.workplace, type: 'text' },
    { key: 'notifiedOn', header: d.notifiedOn, type: 'date' },
    { key: 'days', header: d.daysSince, type: 'number' },
  ];
  const rows = list.map((r, i) => ({
    no: i + 1,
    serviceNo: r.serviceNo,
    name: r.name,
    sector: m.export.workbook.sectors[r.sector],
    workplace: r.workplace ?? d.noWorkplace,
    notifiedOn: r.notifiedOn,
    days: r.days,
  }));
  const title = interpolate(d.notArrivedTitle, {
    term: cohortName(db, cohortId, target.language),
    county: names.get(countyCode) ?? countyCode,
  });
  const result = await exportRows({
    columns,
    rows,
    format: 'xlsx',
    path: target.path,
    overwrite: target.overwrite,
    title,
    language: target.language,
  });
  return { path: result.path, rows: list.length };
}
