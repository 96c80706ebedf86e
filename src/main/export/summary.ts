// The province summary workbook: one row per city/county — requested, decided, placed and
// arrived by sector — with province subtotals and a grand total; a sheet of requests not yet
// filled; a sheet of persons without a workplace. Totals are values computed in SQL, not
// formulas: the workbook holds no live formula at all.
import type Database from 'better-sqlite3';
import { SECTORS, type Language, type Sector, type Term } from '../../shared/domain';
import { interpolate } from '../../shared/i18n';
import { summaryTotals, unallocatedStatement, unfilledRequests, type CohortFacts, type UnitTotals } from './queries';
import { listPrint, tableStyles, termName, workbookWords } from './workbook-style';
import { XlsxWriter, type SheetColumn } from '../spreadsheet/write/writer';

export interface SummaryContext {
  db: Database.Database;
  cohortId: number;
  facts: CohortFacts;
  year: number;
  term: Term;
  language: Language;
  issuedOn: string;
  tempDir: string;
  level?: number;
  onRows?: (rows: number) => void;
  checkpoint?: () => void;
}

type Measure = 'requested' | 'decided' | 'placed' | 'arrived';
const MEASURES: readonly Measure[] = ['requested', 'decided', 'placed', 'arrived'];

/** Rows of the overview sheet (cities/counties) — what the plan shows as the summary's size. */
export function summaryUnitCount(db: Database.Database, facts: CohortFacts): number {
  return summaryTotals(db, facts).length;
}

/** Writes the summary to `path` (which must not exist); returns the number of cities/counties. */
export async function writeSummaryWorkbook(path: string, ctx: SummaryContext): Promise<number> {
  const { db, language } = ctx;
  const words = workbookWords(language);
  const term = termName(language, ctx.term);
  const title = interpolate(words.summary.title, { year: ctx.year, term });
  const headerRight = interpolate(words.pageHeaderRight, { year: ctx.year, term });
  const wb = new XlsxWriter(path, { tempDir: ctx.tempDir, title, creator: words.issuer, level: ctx.level });
  try {
    const st = tableStyles(wb.styles);
    const units = summaryTotals(db, ctx.facts);

    // 1. By city/county.
    const groups: (Sector | 'all')[] = [...SECTORS, 'all'];
    const width = 2 + groups.length * MEASURES.length;
    const overview = wb.addSheet({
      name: words.summary.overviewSheet,
      columns: [
        { type: 'text', minWidth: 10 },
        { type: 'text', minWidth: 10 },
        ...Array.from({ length: width - 2 }, (): SheetColumn => ({ type: 'number', minWidth: 7 })),
      ],
      freeze: { rows: 4, cols: 2 },
      print: listPrint(language, [3, 4], words.issuer, headerRight),
    });
    overview.addRow([title], st.title, { height: 30, fit: false });
    overview.merge(1, 1, 1, width);
    overview.addRow([`${words.cover.issuedOn} ${ctx.issuedOn.replace(/-/g, '.')}   ·   ${words.summary.note}`], st.note, {
      height: 30,
      fit: false,
    });
    overview.merge(2, 1, 2, width);
    const groupRow: unknown[] = [words.columns.province, words.columns.county];
    groups.forEach((g) => groupRow.push(g === 'all' ? words.summary.all : words.sectors[g], null, null, null));
    overview.addRow(groupRow, st.headerGroup, { height: 22, fit: false });
    overview.merge(3, 1, 4, 1);
    overview.merge(3, 2, 4, 2);
    groups.forEach((_, i) => overview.merge(3, 3 + i * 4, 3, 6 + i * 4));
    overview.addRow([null, null, ...groups.flatMap(() => MEASURES.map((m) => words.summary.measures[m]))], st.header, { height: 22 });

    const line = (t: UnitTotals['bySector']) =>
      groups.flatMap((g) => MEASURES.map((m) => (g === 'all' ? SECTORS.reduce((s, sector) => s + t[sector][m], 0) : t[g][m])));
    const add = (into: UnitTotals['bySector'], from: UnitTotals['bySector']) => {
      for (const sector of SECTORS) for (const m of MEASURES) into[sector][m] += from[sector][m];
    };
    const zero = (): UnitTotals['bySector'] => {
      const z = () => ({ requested: 0, decided: 0, placed: 0, arrived: 0 });
      return { local_factory: z(), rural_housing: z(), farm_team: z(), other: z() };
    };
    const grand = zero();
    let province = zero();
    const countStyles = (text: number, count: number) => [text, text, ...Array.from({ length: width - 2 }, () => count)];
    const unitStyles = countStyles(st.text, st.count);
    const subtotalStyles = countStyles(st.subtotalText, st.subtotalCount);
    const totalStyles = countStyles(st.totalText, st.totalCount);
    units.forEach((u, i) => {
      const provinceName = language === 'ko' ? u.provinceKo : u.provinceEn;
      overview.addRow([provinceName, language === 'ko' ? u.nameKo : u.nameEn, ...line(u.bySector)], unitStyles);
      add(province, u.bySector);
      add(grand, u.bySector);
      const next = units[i + 1];
      if (!next || next.provinceId !== u.provinceId) {
        overview.addRow([interpolate(words.summary.subtotal, { province: provinceName }), null, ...line(province)], subtotalStyles);
        province = zero();
      }
    });
    overview.addRow([words.summary.grandTotal, null, ...line(grand)], totalStyles);
    ctx.onRows?.(0);
    await overview.close();

    // 2. Requests not yet filled.
    const c = words.columns;
    const unfilled = wb.addSheet({
      name: words.summary.unfilledSheet,
      columns: [
        { type: 'number', minWidth: 5 },
        { type: 'text', shared: true, minWidth: 6 },
        { type: 'text', shared: true, minWidth: 8 },
        { type: 'text', minWidth: 14, maxWidth: 36 },
        { type: 'text', shared: true, minWidth: 8 },
        { type: 'number', minWidth: 8 },
        { type: 'number', minWidth: 8 },
        { type: 'number', minWidth: 8 },
        { type: 'text', minWidth: 10, maxWidth: 30 },
        { type: 'number', minWidth: 8 },
        { type: 'text', shared: true, minWidth: 7 },
        { type: 'text', shared: true, minWidth: 6 },
        { type: 'text', minWidth: 10, maxWidth: 36 },
      ],
      freeze: { rows: 2 },
      autoFilterRow: 2,
      print: listPrint(language, [2, 2], words.issuer, headerRight),
    });
    unfilled.addRow([interpolate(words.summary.unfilledTitle, { year: ctx.year, term })], st.title, { height: 30, fit: false });
    unfilled.merge(1, 1, 1, 13);
    unfilled.addRow(
      [
        c.no,
        c.province,
        c.county,
        c.workplace,
        c.sector,
        c.headcount,
        c.placed,
        c.shortfall,
        c.skills,
        c.priority,
        c.housing,
        c.dev,
        c.notes,
      ],
      st.header,
      { height: 30 },
    );
    const unfilledStyles = [
      st.number,
      st.text,
      st.text,
      st.text,
      st.text,
      st.count,
      st.count,
      st.count,
      st.text,
      st.number,
      st.textCenter,
      st.textCenter,
      st.textWrap,
    ];
    let n = 0;
    for (const q of unfilledRequests(db, ctx.facts)) {
      unfilled.addRow(
        [
          ++n,
          language === 'ko' ? q.provinceKo : q.provinceEn,
          language === 'ko' ? q.countyKo : q.countyEn,
          q.workplace,
          words.sectors[q.sector],
          q.headcount,
          q.placed,
          q.headcount - q.placed,
          q.skills,
          q.priority,
          q.housing ? words.housingYes : words.housingNo,
          q.dev ? '○' : null,
          q.notes,
        ],
        unfilledStyles,
      );
    }
    await unfilled.close();

    // 3. Persons without a workplace.
    const pending = wb.addSheet({
      name: words.summary.unallocatedSheet,
      columns: [
        { type: 'number', minWidth: 5 },
        { type: 'text', shared: true, minWidth: 6 },
        { type: 'text', shared: true, minWidth: 8 },
        { type: 'text', shared: true, minWidth: 8 },
        { type: 'text', minWidth: 10 },
        { type: 'text', minWidth: 8 },
        { type: 'text', shared: true, minWidth: 5 },
        { type: 'date', minWidth: 11 },
        { type: 'text', shared: true, minWidth: 8 },
        { type: 'text', shared: true, minWidth: 8, maxWidth: 20 },
        { type: 'text', shared: true, minWidth: 6 },
        { type: 'text', minWidth: 10, maxWidth: 36 },
      ],
      freeze: { rows: 2 },
      autoFilterRow: 2,
      print: listPrint(language, [2, 2], words.issuer, headerRight),
    });
    pending.addRow([interpolate(words.summary.unallocatedTitle, { year: ctx.year, term })], st.title, { height: 30, fit: false });
    pending.merge(1, 1, 1, 12);
    pending.addRow(
      [c.no, c.province, c.county, c.sector, c.serviceNo, c.name, c.sex, c.birthDate, c.rank, c.skill, c.status, c.notes],
      st.header,
      { height: 30 },
    );
    const pendingStyles = [
      st.number,
      st.text,
      st.text,
      st.text,
      st.textCenter,
      st.text,
      st.textCenter,
      st.date,
      st.textCenter,
      st.text,
      st.textCenter,
      st.textWrap,
    ];
    const sexes = words.sexes as Record<string, string>;
    const statuses = words.statuses as Record<string, string>;
    const values: unknown[] = new Array(12);
    let row = 0;
    let since = 0;
    for (const r of unallocatedStatement(db).iterate(ctx.cohortId) as IterableIterator<(string | null)[]>) {
      values[0] = ++row;
      values[1] = language === 'ko' ? r[0] : r[1];
      values[2] = language === 'ko' ? r[2] : r[3];
      values[3] = words.sectors[r[4] as Sector];
      values[4] = r[5];
      values[5] = r[6];
      values[6] = r[7] === null ? null : (sexes[r[7]!] ?? r[7]);
      values[7] = r[8];
      values[8] = r[9];
      values[9] = r[10];
      values[10] = statuses[r[11]!] ?? r[11];
      values[11] = r[12];
      const keepGoing = pending.addRow(values, pendingStyles);
      if (++since === 512) {
        ctx.onRows?.(since);
        since = 0;
        ctx.checkpoint?.();
      }
      if (!keepGoing) await pending.drain();
    }
    if (since) ctx.onRows?.(since);
    await pending.close();
    wb.setActiveSheet(0);
    await wb.close();
    return units.length;
  } catch (error) {
    wb.abort();
    throw error;
  }
}
