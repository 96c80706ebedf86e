import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { HandlersFor } from '../../shared/contract';
import type { ExportPlan } from '../../shared/api/export.contract';
import type { EXPORT_CALLS } from '../../shared/api/export.names';
import { LedgerError } from '../../shared/errors';
import type { ApiContext } from '../api/context';
import { currentClerk } from '../settings/settings';
import { defaultExportFolder } from './desktop';
import { startExportJob } from './job';
import { cohortFacts, findCohort, listCohorts, listDepartments, stripCountyId, type CohortFacts } from './queries';
import { EXPORT_LEFTOVER_KINDS, planExport, type PlannedExport } from './run';
import { onUserPath, prepareFolder, sweepLeftovers } from '../util/user-path';

const FACTS_TTL_MS = 5000;

function publicPlan(plan: PlannedExport): ExportPlan {
  return {
    folder: plan.folder,
    folderExists: plan.folderExists,
    files: plan.files,
    existing: plan.existing,
    persons: plan.persons,
  };
}

/** The export calls (src/shared/api/export.contract.ts); files fetched over the hub: download.ts. */
export function createExportHandlers(
  context: ApiContext,
): HandlersFor<Exclude<(typeof EXPORT_CALLS)[number], 'openDownload' | 'readDownload' | 'discardDownload'>> {
  const { ledger, jobs, desktop } = context;
  const { db } = ledger;
  // "Open folder" opens only folders an export of this run wrote to (never an arbitrary path).
  const exportedFolders = new Set<string>();
  // At start: staging folders a killed export left in the usual place go (each export also sweeps
  // its own folder first). In the background: a slow Documents folder delays nothing.
  void sweepLeftovers(defaultExportFolder(desktop), EXPORT_LEFTOVER_KINDS).catch(() => undefined);
  // The page asks for counts and a preview of the files as the clerk chooses; one pass over a
  // million placements takes a second, so its counts are reused for a few seconds. The export
  // itself always counts afresh (in its worker).
  let cached: { cohortId: number; at: number; facts: CohortFacts } | null = null;
  const recentFacts = (cohortId: number): CohortFacts => {
    const now = Date.now();
    if (!cached || cached.cohortId !== cohortId || now - cached.at > FACTS_TTL_MS)
      cached = { cohortId, at: now, facts: cohortFacts(db, cohortId) };
    return cached.facts;
  };
  return {
    getExportDefaults: () => {
      return {
        folder: defaultExportFolder(desktop),
        canChooseFolder: Boolean(desktop.chooseFolder),
        canOpenFolder: Boolean(desktop.openFolder),
      };
    },
    listExportCohorts: () => ({ cohorts: listCohorts(db) }),
    listExportDepartments: ({ year, term }) => {
      const cohort = findCohort(db, year, term);
      const departments = listDepartments(db, recentFacts(cohort.id)).map(stripCountyId);
      return { year, term, departments, persons: departments.reduce((s, d) => s + d.persons, 0) };
    },
    planExport: async (selection) => publicPlan(await planExport(db, selection, { facts: recentFacts })),
    startExport: async (input) => {
      // Refuse at once what the clerk must fix (unknown term, unwritable folder, files that would
      // be replaced without consent) — the job then only meets disk trouble or Cancel.
      cached = null;
      const plan = await planExport(db, input);
      // Asynchronously, with a time limit: a folder that hangs never freezes the window.
      const createdFolder = (await prepareFolder(plan.folder)).made;
      if (!input.overwrite && plan.existing > 0) {
        const first = plan.files.find((f) => f.exists)!;
        throw new LedgerError('export_files_exist', `${plan.existing} file(s) exist in ${plan.folder}`, {
          folder: plan.folder,
          count: plan.existing,
          first: first.fileName,
        });
      }
      return startExportJob(jobs, {
        ledgerPath: ledger.path,
        busyTimeoutMs: ledger.busyTimeoutMs,
        options: { ...input, folder: plan.folder, clerk: currentClerk(db), createdFolder },
        onDone: (result) => exportedFolders.add(resolve(result.folder)),
      });
    },
    chooseExportFolder: async ({ current }) => {
      const choose = desktop.chooseFolder;
      if (!choose) return { path: null, supported: false };
      return { path: await choose(current), supported: true };
    },
    openExportFolder: async ({ path }) => {
      const folder = resolve(path);
      const open = desktop.openFolder;
      if (!open || !exportedFolders.has(folder)) return { opened: false, path: folder };
      let isFolder: boolean;
      try {
        isFolder = await onUserPath(folder, async () => (await stat(folder)).isDirectory());
      } catch {
        isFolder = false;
      }
      if (!isFolder) return { opened: false, path: folder };
      const problem = await open(folder);
      return { opened: problem === '', path: folder };
    },
  };
}
