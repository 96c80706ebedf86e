// The proposal as a print-ready workbook for the committee: a summary sheet (per city/county:
// persons, assigned, without a workplace, other sector, requests, free seats; the settings in
// words) and one sheet per city/county (each request with its seats and fill rate, the persons
// proposed for it and the reason in short; then the persons left without a workplace and why).
// Names and words only — no ids, no ISO dates. Written under a hidden name and renamed at the end,
// so a folder never holds half a workbook.
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type {
  AllocationCountyView,
  AllocationPersonView,
  AllocationProposal,
  AllocationRequestView,
} from '../../shared/api/allocation.contract';
import type { Language } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { interpolate, messages } from '../../shared/i18n';
import { safeFileName } from '../export/safe-name';
import { listPrint, tableStyles, termName } from '../export/workbook-style';
import { XlsxWriter } from '../spreadsheet/write/writer';
import { leftoverName, prepareFolder } from '../util/user-path';
import { splitSkills } from './input';
import { SETTING_RANGES } from './settings';
import { proposalView } from './view';

export interface ProposalExportOptions {
  folder: string;
  language: Language;
  overwrite: boolean;
}

const dotted = (iso: string) => iso.slice(0, 10).replace(/-/g, '.');

export async function exportProposal(db: Database.Database, runId: number, options: ProposalExportOptions) {
  const proposal = proposalView(db, runId, 'all');
  const { language } = options;
  const words = messages[language].allocation.workbook;
  const term = termName(language, proposal.run.term);
  const fileName = safeFileName(interpolate(words.fileName, { year: proposal.run.year, term }), 'xlsx');
  const folder = (await prepareFolder(options.folder)).path;
  const path = join(folder, fileName);
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists && !options.overwrite) throw new LedgerError('export_files_exist', `${path} exists`, { folder, count: 1, first: fileName });
  const temp = join(folder, leftoverName('allocation', '.xlsx'));
  try {
    await writeWorkbook(temp, folder, proposal, language);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const bytes = (await stat(path)).size;
  return { path, fileName, bytes, counties: proposal.counties.length, persons: proposal.totals.persons };
}

async function writeWorkbook(path: string, tempDir: string, proposal: AllocationProposal, language: Language): Promise<void> {
  const m = messages[language];
  const words = m.allocation.workbook;
  const sectors = m.import.sectors;
  const reasons = m.allocation.reasons;
  const term = termName(language, proposal.run.term);
  const { run } = proposal;
  const writer = new XlsxWriter(path, { tempDir, title: interpolate(words.title, { year: run.year, term }) });
  const st = tableStyles(writer.styles);
  const title = interpolate(words.title, { year: run.year, term });
  const countyName = (c: AllocationCountyView) => (language === 'ko' ? c.nameKo : c.nameEn);
  const provinceName = (c: AllocationCountyView) => (language === 'ko' ? c.provinceKo : c.provinceEn);

  // Summary.
  const summary = writer.addSheet({
    name: words.summarySheet,
    columns: [
      { minWidth: 10 },
      { minWidth: 12 },
      { type: 'number' },
      { type: 'number' },
      { type: 'number' },
      { type: 'number' },
      { type: 'number' },
      { type: 'number' },
      { minWidth: 16, maxWidth: 40 },
    ],
    freeze: { rows: 3 },
    print: listPrint(language, [3, 3], title, ''),
  });
  summary.addRow([title], st.title, { height: 30, fit: false });
  summary.addRow(
    [interpolate(words.subtitle, { date: dotted(run.createdAt), clerk: run.clerk, state: words.states[run.state] })],
    st.note,
    { height: 22, fit: false },
  );
  summary.addRow(words.summaryColumns, st.header, { height: 24 });
  const countStyles = [st.text, st.text, st.count, st.count, st.count, st.count, st.count, st.count, st.text];
  for (const c of proposal.counties) {
    summary.addRow(
      [
        provinceName(c),
        countyName(c),
        c.persons,
        c.assigned,
        c.unassigned,
        c.crossSector,
        c.requests.length,
        c.requests.reduce((s, r) => s + r.freeSeats, 0),
        c.noRequests ? words.noRequests : '',
      ],
      countStyles,
    );
  }
  const t = proposal.totals;
  summary.addRow(
    [words.total, '', t.persons, t.assigned, t.unassigned, t.crossSector, t.requests, t.freeSeats, ''],
    [st.totalText, st.totalText, st.totalCount, st.totalCount, st.totalCount, st.totalCount, st.totalCount, st.totalCount, st.totalText],
  );
  summary.addRow([]);
  summary.addRow([words.settingsHeading], st.sectionHeading, { fit: false });
  const s = proposal.settings;
  for (const key of Object.keys(SETTING_RANGES) as (keyof typeof SETTING_RANGES)[])
    summary.addRow([m.allocation.settings[key], '', s[key]], [st.label, st.label, st.value]);
  const allowed = proposal.counties.filter((c) => s.otherSectorCounties.includes(c.countyId)).map(countyName);
  summary.addRow(
    [m.allocation.settings.otherSectorCounties, '', allowed.length > 0 ? allowed.join(', ') : '—'],
    [st.label, st.label, st.value],
  );
  summary.addRow([m.allocation.settings.keepUnits, '', s.keepUnits ? words.yes : words.no], [st.label, st.label, st.value]);
  summary.merge(1, 1, 1, 9);
  summary.merge(2, 1, 2, 9);
  await summary.close();

  // One sheet per city/county.
  const reasonOf = (p: AllocationPersonView, r: AllocationRequestView | null): string => {
    const parts: string[] = [];
    if (r) {
      const wanted = new Set(r.skills);
      const matched = [...new Set(splitSkills(p.skill).filter((k) => wanted.has(k)))];
      parts.push(
        matched.length > 0
          ? interpolate(words.skillsMatched, { skills: matched.join(', ') })
          : interpolate(words.priorityOnly, { priority: r.priority }),
      );
      if (p.crossSector) parts.push(words.crossSector);
    } else if (p.reason) parts.push(reasons[p.reason]);
    if (p.moved) parts.push(words.moved);
    else if (p.pinned) parts.push(words.pinned);
    return parts.join(' · ');
  };
  for (const c of proposal.counties) {
    const sheet = writer.addSheet({
      name: countyName(c) || words.summarySheet,
      columns: [
        { minWidth: 14, maxWidth: 36 },
        { minWidth: 10 },
        { type: 'number' },
        { type: 'number' },
        { type: 'number' },
        { type: 'number' },
        { type: 'text' },
        { type: 'text', minWidth: 12 },
        { minWidth: 8 },
        { minWidth: 10, maxWidth: 30 },
        { minWidth: 16, maxWidth: 44 },
      ],
      freeze: { rows: 2 },
      print: listPrint(language, [2, 2], title, `${provinceName(c)} ${countyName(c)}`),
    });
    sheet.addRow([interpolate(words.countyTitle, { county: `${provinceName(c)} ${countyName(c)}`, year: run.year, term })], st.title, {
      height: 30,
      fit: false,
    });
    sheet.merge(1, 1, 1, 11);
    sheet.addRow(words.countyColumns, st.header, { height: 24 });
    for (const r of c.requests) {
      const g = st.groupStart;
      sheet.addRow(
        [
          r.workplace,
          sectors[r.sector],
          r.priority,
          r.headcount,
          r.freeSeats,
          r.proposed,
          `${Math.round(r.fillRate * 100)}%`,
          '',
          '',
          r.skills.join(', '),
          r.dev20x10 ? '20×10' : '',
        ],
        [g.text, g.textCenter, g.number, g.count, g.count, g.count, g.textCenter, g.text, g.text, g.text, g.text],
      );
      for (const p of r.persons) {
        sheet.addRow(['', '', '', '', '', '', '', p.serviceNo, p.name, p.skill ?? '', reasonOf(p, r)], st.text);
        await sheet.drain();
      }
    }
    if (c.unassignedPersons.length > 0) {
      sheet.addRow([]);
      sheet.addRow([words.unassignedHeading], st.sectionHeading, { fit: false });
      for (const p of c.unassignedPersons) {
        sheet.addRow(['', sectors[p.sector], '', '', '', '', '', p.serviceNo, p.name, p.skill ?? '', reasonOf(p, null)], st.text);
        await sheet.drain();
      }
    }
    await sheet.close();
  }
  await writer.close();
}
