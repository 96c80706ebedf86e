// An export from start to end: which files (plan), then every workbook written into a hidden
// staging folder inside the chosen folder, then moved into place in one quick step. A cancel or
// a failure removes the staging folder: the chosen folder is left as it was. A file of the same
// name is replaced only when the caller says so (the clerk agreed / --force); otherwise the move
// refuses to clobber even a file that appeared meanwhile.
import { constants, copyFileSync, linkSync, mkdtempSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { ExportPlan, ExportPlanFile, ExportResult, ExportResultFile, ExportSelection } from '../../shared/api/export.contract';
import { shortEnglishName, type Language, type Term } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { interpolate } from '../../shared/i18n';
import { JobCancelled } from '../jobs/registry';
import {
  absoluteUserPath,
  existingPaths,
  inspectFolder,
  isFileSystemError,
  pathErrorFrom,
  prepareFolder,
  removeMadeFolders,
  sweepLeftovers,
} from '../util/user-path';
import {
  cohortFacts,
  decisionNumbers,
  departmentGroups,
  findCohort,
  listDepartments,
  resolveCounties,
  rosterRows,
  termDetails,
  type CohortFacts,
  type DepartmentRow,
} from './queries';
import { departmentTitle, RosterCursor, writeRosterWorkbook } from './roster';
import { safeFileName } from './safe-name';
import { exportErrorOf } from './spreadsheet-errors';
import { summaryUnitCount, writeSummaryWorkbook } from './summary';
import { termName, workbookWords } from './workbook-style';

export interface ExportOptions extends ExportSelection {
  overwrite: boolean;
  /** Printed on covers as who issued the rosters. */
  clerk?: string;
  /** ISO date of issue (default: today, local time). */
  issuedOn?: string;
  /** The outermost folder the caller made for this export: a cancel or failure removes it again (when empty). */
  createdFolder?: string | null;
  /** Deflate level (1 fastest … 9 smallest); 1 by default: a roster compresses well anyway and the export is CPU-bound. */
  level?: number;
}

export type ExportPhase = 'preparing' | 'writing' | 'summary' | 'publishing';

export interface ExportHooks {
  progress?(progress: { phase: ExportPhase; done: number; total: number }): void;
  /** True once the clerk pressed Cancel. */
  cancelled?(): boolean;
  /** The hidden folder the workbooks are written in before they are moved into place. */
  staging?(path: string): void;
}

export interface PlannedExport extends ExportPlan {
  cohortId: number;
  facts: CohortFacts;
  year: number;
  term: Term;
  language: Language;
  departments: DepartmentRow[];
}

/** `~/x` → home/x; relative paths are refused (the UI passes absolute ones; the CLI resolves against its folder). */
export function resolveFolder(folder: string, cwd?: string): string {
  if (cwd !== undefined && !/^~([/\\]|$)/.test(folder.trim())) return resolve(cwd, folder.trim());
  return absoluteUserPath(folder, homedir());
}

/**
 * Sets each planned file's path in `folder` and whether a file of that name is there already (an
 * export through the office hub does this on the clerk's PC, with the hub's plan).
 */
export async function placeInFolder(
  folder: string,
  files: { fileName: string; path: string; exists: boolean }[],
): Promise<{ folder: string; folderExists: boolean; existing: number }> {
  for (const f of files) f.path = join(folder, f.fileName);
  const folderExists = (await inspectFolder(folder)).exists;
  const existing = folderExists
    ? await existingPaths(
        folder,
        files.map((f) => f.path),
      )
    : new Set<string>();
  for (const f of files) f.exists = existing.has(f.path);
  return { folder, folderExists, existing: files.filter((f) => f.exists).length };
}

/** Our own working names in an export folder, swept when stale (see sweepLeftovers). */
export const EXPORT_LEFTOVER_KINDS = ['export', 'probe', 'view'] as const;

export function todayIso(date = new Date()): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** File names of a term's rosters: 2027-봄-회양군-배치명단.xlsx; with the province when a name repeats. */
export function rosterFileName(language: Language, year: number, term: Term, department: DepartmentRow, duplicateName: boolean): string {
  const words = workbookWords(language);
  const county = language === 'ko' ? department.nameKo : department.nameEn;
  // "South Pyongan (P'yŏngan-namdo)" → "South Pyongan" in a file name.
  const province = language === 'ko' ? department.provinceKo : shortEnglishName(department.provinceEn);
  return safeFileName(
    interpolate(words.rosterFile, { year, term: termName(language, term), county: duplicateName ? `${province}-${county}` : county }),
    'xlsx',
  );
}

export function summaryFileName(language: Language, year: number, term: Term): string {
  return safeFileName(interpolate(workbookWords(language).summaryFile, { year, term: termName(language, term) }), 'xlsx');
}

/** Which files an export would write, and which of them already exist. Reads only (the folder asynchronously). */
export async function planExport(
  db: Database.Database,
  selection: ExportSelection,
  options: { cwd?: string; facts?: (cohortId: number) => CohortFacts } = {},
): Promise<PlannedExport> {
  const folder = resolveFolder(selection.folder, options.cwd);
  const cohort = findCohort(db, selection.year, selection.term);
  const facts = options.facts ? options.facts(cohort.id) : cohortFacts(db, cohort.id);
  const all = listDepartments(db, facts);
  let departments = all;
  if (selection.counties.length > 0) {
    const wanted = new Set(resolveCounties(db, selection.counties));
    departments = all.filter((d) => wanted.has(d.countyId));
  }
  if (departments.length === 0) {
    throw new LedgerError(
      'export_nothing_to_export',
      `no persons for ${selection.year} ${selection.term} in the chosen departments`,
      termDetails(selection.year, selection.term),
    );
  }
  const language = selection.language;
  // Two departments whose file names would be the same (운산군 and 은산군 are both Unsan-gun in
  // English; names repeat across provinces) get the province in the name. Case-insensitive, as
  // on Windows.
  const nameCount = new Map<string, number>();
  const plainName = (d: DepartmentRow) => rosterFileName(language, selection.year, selection.term, d, false).toLowerCase();
  for (const d of all) nameCount.set(plainName(d), (nameCount.get(plainName(d)) ?? 0) + 1);
  const files: ExportPlanFile[] = departments.map((d) => {
    const fileName = rosterFileName(language, selection.year, selection.term, d, (nameCount.get(plainName(d)) ?? 0) > 1);
    const path = join(folder, fileName);
    return {
      kind: 'roster',
      departmentCode: d.code,
      department: language === 'ko' ? `${d.provinceKo} ${d.nameKo}` : `${d.nameEn}, ${d.provinceEn}`,
      fileName,
      path,
      exists: false,
      rows: d.persons,
    };
  });
  if (selection.summary) {
    const fileName = summaryFileName(language, selection.year, selection.term);
    const path = join(folder, fileName);
    files.push({
      kind: 'summary',
      departmentCode: null,
      department: workbookWords(language).summaryDepartment,
      fileName,
      path,
      exists: false,
      rows: summaryUnitCount(db, facts),
    });
  }
  // The folder last: the ledger's questions are answered before the first wait on the disk.
  const onDisk = await placeInFolder(folder, files);
  return {
    ...onDisk,
    files,
    persons: departments.reduce((s, d) => s + d.persons, 0),
    cohortId: cohort.id,
    facts,
    year: selection.year,
    term: selection.term,
    language,
    departments,
  };
}

export function filesExistError(folder: string, names: string[]): LedgerError {
  return new LedgerError('export_files_exist', `${names.length} file(s) exist in ${folder}`, {
    folder,
    count: names.length,
    first: names[0] ?? '',
  });
}

/** Moves a finished file into place without ever replacing one unless `overwrite`. */
export function publish(from: string, to: string, overwrite: boolean): void {
  if (overwrite) {
    renameSync(from, to);
    return;
  }
  try {
    linkSync(from, to); // atomic, fails with EEXIST instead of replacing
    unlinkSync(from);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    // File systems without hard links (FAT/exFAT USB sticks): an exclusive copy.
    copyFileSync(from, to, constants.COPYFILE_EXCL);
    unlinkSync(from);
  }
}

function writeFailure(failure: unknown, path: string): unknown {
  const error = exportErrorOf(failure);
  if (error instanceof LedgerError || error instanceof JobCancelled) return error;
  return isFileSystemError(error) ? pathErrorFrom(error, path) : error;
}

/**
 * Runs an export with `db` (a read snapshot is taken for its whole length). Returns what it
 * wrote. Throws LedgerError for the clerk's mistakes and JobCancelled when cancelled; in both
 * cases nothing is left in the folder.
 */
export async function runExport(
  db: Database.Database,
  options: ExportOptions,
  hooks: ExportHooks = {},
  planOptions: { cwd?: string } = {},
): Promise<ExportResult> {
  const started = performance.now();
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN'); // one consistent snapshot (WAL: writers go on meanwhile)
  let staging: string | null = null;
  let createdFolder: string | null = null;
  let folder: string | null = null;
  let finished = false;
  try {
    hooks.progress?.({ phase: 'preparing', done: 0, total: 0 });
    const plan = await planExport(db, options, planOptions);
    folder = plan.folder;
    const prepared = await prepareFolder(plan.folder);
    createdFolder = prepared.made ?? options.createdFolder ?? null;
    // What a killed export of an earlier run left here (its staging folder) goes now.
    await sweepLeftovers(plan.folder, EXPORT_LEFTOVER_KINDS);
    if (!options.overwrite) {
      const existing = await existingPaths(
        plan.folder,
        plan.files.map((f) => f.path),
      );
      if (existing.size)
        throw filesExistError(
          plan.folder,
          plan.files.filter((f) => existing.has(f.path)).map((f) => f.fileName),
        );
    }
    try {
      staging = mkdtempSync(join(plan.folder, `.placement-export-${process.pid}-`));
    } catch (error) {
      throw pathErrorFrom(error, plan.folder);
    }
    hooks.staging?.(staging);
    // Progress counts persons, each once: a person's roster row. The summary lists the persons
    // without a workplace again (and those of departments not chosen): its rows move the phase
    // on, never the count, so "n of N persons" stays true and N is what the clerk chose.
    const total = plan.persons;
    let done = 0;
    let phase: ExportPhase = 'preparing';
    let lastReport = 0;
    const report = (force = false) => {
      const now = performance.now();
      if (force || now - lastReport > 100) {
        lastReport = now;
        hooks.progress?.({ phase, done, total });
      }
    };
    const checkpoint = () => {
      if (hooks.cancelled?.()) throw new JobCancelled();
    };
    const issuedOn = options.issuedOn ?? todayIso();
    const common = {
      db,
      cohortId: plan.cohortId,
      year: plan.year,
      term: plan.term,
      language: plan.language,
      issuedOn,
      tempDir: staging,
      level: options.level ?? 1,
      onRows: (rows: number) => {
        done += rows;
        report();
      },
      checkpoint,
    };
    // Workplace groups of every department, then every roster row in print order, in one pass.
    const rosters = plan.files.filter((f) => f.kind === 'roster').map((f) => plan.departments.find((d) => d.code === f.departmentCode)!);
    const groupsOf = new Map(rosters.map((d) => [d.countyId, departmentGroups(db, plan.facts, d.countyId)]));
    const groupRank = new Map<number, number>();
    for (const groups of groupsOf.values()) groups.forEach((g, i) => g.requestId !== null && groupRank.set(g.requestId, i));
    const results: ExportResultFile[] = [];
    const source = rosters.length ? rosterRows(db, plan.cohortId, rosters, groupRank) : null;
    // One workbook may still be compressing its last rows while the next one is written.
    let finishing: Promise<void> = Promise.resolve();
    try {
      report(true);
      // The first row comes once SQLite has sorted them all (a few seconds at a million): still "preparing".
      const cursor = source ? new RosterCursor(source.rows) : null;
      phase = 'writing';
      report(true);
      for (const file of plan.files) {
        checkpoint();
        const target = join(staging, file.fileName);
        const department = file.kind === 'roster' ? rosters.find((d) => d.code === file.departmentCode)! : null;
        const record = (rows: number) => () => {
          results.push({
            kind: file.kind,
            department: department !== null ? departmentTitle(plan.language, department) : file.department,
            departmentCode: file.departmentCode,
            fileName: file.fileName,
            path: file.path,
            rows,
            bytes: statSync(target).size,
          });
        };
        try {
          if (department !== null) {
            const written = await writeRosterWorkbook(
              target,
              department,
              {
                rank: rosters.indexOf(department),
                groups: groupsOf.get(department.countyId)!,
                decisions: decisionNumbers(db, plan.facts, department.countyId),
                cursor: cursor!,
              },
              { ...common, clerk: options.clerk },
            );
            await finishing;
            finishing = written.finished.then(record(written.rows), (error: unknown) => Promise.reject(writeFailure(error, file.path)));
          } else {
            await finishing;
            phase = 'summary';
            report(true);
            record(await writeSummaryWorkbook(target, { ...common, facts: plan.facts, onRows: () => report() }))();
          }
        } catch (error) {
          throw writeFailure(error, file.path);
        }
      }
      await finishing;
    } catch (error) {
      await finishing.catch(() => undefined); // let the file in flight close before the staging folder goes
      throw error;
    } finally {
      source?.dispose();
    }
    checkpoint();
    phase = 'publishing';
    report(true);
    if (!options.overwrite) {
      const existing = await existingPaths(
        plan.folder,
        plan.files.map((f) => f.path),
      );
      if (existing.size)
        throw filesExistError(
          plan.folder,
          plan.files.filter((f) => existing.has(f.path)).map((f) => f.fileName),
        );
    }
    const published: string[] = [];
    try {
      for (const file of results) {
        publish(join(staging, file.fileName), file.path, options.overwrite);
        published.push(file.path);
      }
    } catch (error) {
      // Nothing half-done: what this run already put in place goes again.
      for (const path of published) rmSync(path, { force: true });
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw filesExistError(plan.folder, [basename(String((error as { dest?: string }).dest ?? ''))]);
      throw writeFailure(error, plan.folder);
    }
    done = total;
    report(true);
    finished = true;
    return { folder: plan.folder, files: results, persons: plan.persons, ms: Math.round(performance.now() - started) };
  } finally {
    if (staging !== null) rmSync(staging, { recursive: true, force: true });
    // Only when empty: folders made for this export go again.
    if (!finished && createdFolder !== null && folder !== null) await removeMadeFolders(createdFolder, folder);
    if (ownTransaction && db.inTransaction) db.exec('COMMIT');
  }
}
