// The grid calls: paging, sorting, filtering and searching in SQL; validated edits, pastes, adds,
// deletes; undo/redo kept in the ledger; remembered views; placing persons by hand.
import { z } from 'zod';
import { LANGUAGES, type Sector, type Term } from '../domain';
import { EDITABLE_GRIDS, GRIDS, type CellRule, type CellValue } from '../grids';
import { call, type AnyCallSpec } from './define';
import type { GRID_CALLS } from './grid.names';
import type { JobStatus } from './jobs';

const colId = z.string().min(1).max(60);

const filterCondition = z
  .object({
    filterType: z.enum(['text', 'number', 'date']),
    type: z.string().max(30),
    filter: z.union([z.string().max(200), z.number()]).nullish(),
    filterTo: z.number().nullish(),
    dateFrom: z.string().max(30).nullish(),
    dateTo: z.string().max(30).nullish(),
  })
  .strip();

const filterModel = z.union([
  z
    .object({
      filterType: z.enum(['text', 'number', 'date']),
      operator: z.enum(['AND', 'OR']),
      conditions: z.array(filterCondition).max(4),
    })
    .strip(),
  filterCondition,
]);
export type FilterCondition = z.output<typeof filterCondition>;
export type FilterModel = z.output<typeof filterModel>;

export const gridViewSchema = z
  .object({
    sort: z
      .array(z.object({ colId, sort: z.enum(['asc', 'desc']) }).strict())
      .max(4)
      .default([]),
    filters: z.record(colId, filterModel).default({}),
    search: z.string().max(100).default(''),
    /** History of one person (from their row). */
    personId: z.number().int().positive().optional(),
  })
  .strict();
export type GridView = z.output<typeof gridViewSchema>;
export type GridViewInput = z.input<typeof gridViewSchema>;

const grid = z.enum(GRIDS);
const editableGrid = z.enum(EDITABLE_GRIDS);
const cellValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
const ids = z.array(z.number().int().positive()).min(1).max(100_000);
const version = z.number().int().min(1);
/**
 * The rows a write is based on, as the clerk saw them: [id, version] pairs (a grid row's `id` and
 * `version`). A row changed since is refused with row_changed, never written over (docs/hub.md
 * "Many clerks at once"). Optional for the CLI and older callers; the window always sends them.
 */
const versions = z.array(z.tuple([z.number().int().positive(), version])).max(100_000);
export type RowVersions = readonly (readonly [number, number])[];

/** A row as a grid shows it; an edited grid's rows carry their `version` (sent back with a write). */
export type GridRow = { id: number; version?: number } & Record<string, CellValue>;

export interface GridPage {
  rows: GridRow[];
  /** Rows matching the view (filters and search). */
  rowCount: number;
}

export interface CellProblem {
  /** Row position in the pasted block (0-based) and the column. */
  row: number;
  colId: string;
  rule: CellRule;
  limit?: number;
  value: string;
}

export type AddRowResult = { status: 'added'; row: GridRow } | { status: 'rejected'; problems: CellProblem[] };
export type PasteResult =
  { status: 'applied'; updatedRows: number; addedRows: number; changedCells: number } | { status: 'rejected'; problems: CellProblem[] };

export type DeleteMode =
  'delete' | 'delete_with_placements' | 'cancel_placements' | 'unallocate_and_delete' | 'cancel_request' | 'cancel_placement';

export interface DeletePreview {
  count: number;
  /** How the rows are named to the clerk (the first few). */
  labels: string[];
  dependents: { placements: number; persons: number; requests: number };
  /** What can be done; the first is the safe choice. Empty when deleting is not possible. */
  modes: DeleteMode[];
  blocked: boolean;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undoKind: string | null;
  undoDescription: string | null;
  redoKind: string | null;
  redoDescription: string | null;
}

export interface CohortOption {
  id: number;
  year: number;
  term: Term;
}

export interface RequestCandidate {
  requestId: number;
  workplace: string;
  sector: Sector;
  headcount: number;
  decided: number;
  remaining: number;
  priority: number;
  housingProvided: boolean;
  /** Same sector as the selected persons' placements: listed first. */
  sectorMatches: boolean;
}

export interface PlacementCandidates {
  countyCode: string;
  countyName: string;
  cohort: CohortOption;
  sector: Sector | null;
  candidates: RequestCandidate[];
}

/** The four numbers an office follows (and notified), for one city/county and sector of a term. */
export interface FigureCounts {
  requested: number;
  decided: number;
  assigned: number;
  notified: number;
  arrived: number;
}

export interface TermFigures {
  /** The term shown (the newest when none was asked for); null when the ledger has none. */
  cohortId: number | null;
  rows: ({ countyCode: string; provinceCode: string; sector: Sector } & FigureCounts)[];
  totals: FigureCounts;
}

/** The Dashboard's figures of a term: its table, and its arrivals per day (ISO dates, oldest first). */
export interface DashboardFigures extends TermFigures {
  arrivals: { day: string; arrived: number }[];
}

export type PlaceResult =
  | { status: 'placed'; count: number }
  | { status: 'needs_confirmation'; remaining: number; requested: number; workplace: string }
  /** The request is of another sector than (some of) the persons: their sector would change with it. */
  | { status: 'needs_sector_confirmation'; workplace: string; sector: Sector; count: number; from: Sector[] };

const statusChange = z
  .object({
    status: z.enum(['notified', 'arrived', 'cancelled']),
    /** As typed or pasted (2027.05.03, 2027-05-03, 2027년 5월 3일 …): main reads it like any date. */
    date: z.string().max(40),
    reason: z.string().max(200).optional(),
  })
  .strict();
export type StatusChangeInput = z.output<typeof statusChange>;

/** One notified placement not yet arrived (ISO dates: the window formats them). */
export interface NotArrivedRow {
  id: number;
  serviceNo: string;
  name: string;
  sector: Sector;
  workplace: string | null;
  notifiedOn: string | null;
  days: number | null;
}

export interface NotArrivedCounty {
  countyCode: string;
  provinceCode: string;
  count: number;
  /** Days since the oldest notification of the county. */
  maxDays: number | null;
}

export const gridContract = {
  listCohorts: call<CohortOption[]>()(z.object({}).strict()),
  termFigures: call<TermFigures>()(z.object({ cohortId: z.number().int().positive().nullable() }).strict()),
  dashboardFigures: call<DashboardFigures>()(z.object({ cohortId: z.number().int().positive().nullable() }).strict()),
  gridQuery: call<GridPage>()(
    z.object({ grid, view: gridViewSchema, start: z.number().int().min(0), count: z.number().int().min(1).max(1000) }).strict(),
  ),
  gridTotals: call<Record<string, number>>()(z.object({ grid, view: gridViewSchema }).strict()),
  gridUpdateCell: call<GridRow>()(
    z.object({ grid: editableGrid, id: z.number().int().positive(), colId, value: cellValue, baseVersion: version.optional() }).strict(),
  ),
  gridAddRow: call<AddRowResult>()(z.object({ grid: editableGrid, values: z.record(colId, cellValue) }).strict()),
  gridPaste: call<PasteResult>()(
    z
      .object({
        grid: editableGrid,
        view: gridViewSchema,
        startIndex: z.number().int().min(0),
        /** The displayed columns from the focused one on, in screen order. */
        columns: z.array(colId).min(1).max(100),
        cells: z
          .array(z.array(z.string().max(2000)).max(100))
          .min(1)
          .max(10_000),
        /** The rows shown from startIndex on, in order (those loaded): each must still be there, unchanged. */
        versions: versions.optional(),
      })
      .strict(),
  ),
  gridFillDown: call<{ changedCells: number }>()(z.object({ grid: editableGrid, ids, colId, versions: versions.optional() }).strict()),
  gridDeletePreview: call<DeletePreview>()(z.object({ grid: editableGrid, ids }).strict()),
  gridDelete: call<{ affected: number }>()(
    z
      .object({
        grid: editableGrid,
        ids,
        mode: z.enum([
          'delete',
          'delete_with_placements',
          'cancel_placements',
          'unallocate_and_delete',
          'cancel_request',
          'cancel_placement',
        ]),
        versions: versions.optional(),
      })
      .strict(),
  ),
  getUndoState: call<UndoState>()(z.object({}).strict()),
  undo: call<UndoState>()(z.object({}).strict()),
  redo: call<UndoState>()(z.object({}).strict()),
  getGridView: call<{ state: Record<string, unknown> | null }>()(z.object({ grid }).strict()),
  saveGridView: call<{ saved: boolean }>()(
    z
      .object({
        grid,
        state: z
          .record(z.string().max(60), z.unknown())
          .nullable()
          .refine((s) => s === null || JSON.stringify(s).length <= 64_000, { message: 'view too large' }),
      })
      .strict(),
  ),
  setPlacementStatus: call<{ changed: number }>()(
    z.object({ placementIds: ids, change: statusChange, versions: versions.optional() }).strict(),
  ),
  notArrivedCounties: call<{ cohortId: number | null; counties: NotArrivedCounty[] }>()(
    z.object({ cohortId: z.number().int().positive().nullable() }).strict(),
  ),
  notArrivedRows: call<NotArrivedRow[]>()(
    z.object({ cohortId: z.number().int().positive(), countyCode: z.string().min(1).max(80) }).strict(),
  ),
  /** The Dashboard's workbooks (figures of the term, or one city/county's not yet arrived), to a target as exportGridView's. */
  exportDashboardWorkbook: call<{ path: string; rows: number }>()(
    z
      .object({
        what: z.enum(['figures', 'notArrived']),
        cohortId: z.number().int().positive(),
        countyCode: z.string().min(1).max(80).optional(),
        chosenId: z.string().trim().min(1).max(64).optional(),
        folder: z.string().trim().min(1).max(1024).optional(),
        fileName: z.string().trim().min(1).max(200).optional(),
        overwrite: z.boolean().default(false),
        language: z.enum(LANGUAGES),
      })
      .strict(),
  ),
  /** The desktop prints the window to a PDF the clerk saves; { supported: false } in the web host (the browser prints). */
  printDashboard: call<{ supported: boolean; path: string | null }>()(
    z.object({ suggestedName: z.string().trim().min(1).max(200) }).strict(),
  ),
  placementCandidates: call<PlacementCandidates>()(z.object({ placementIds: ids }).strict()),
  placeByHand: call<PlaceResult>()(
    z
      .object({
        placementIds: ids,
        requestId: z.number().int().positive().nullable(),
        confirmOverfill: z.boolean().default(false),
        confirmSectorChange: z.boolean().default(false),
        versions: versions.optional(),
      })
      .strict(),
  ),
  /**
   * "Export what is on screen": the view's rows, in its order and columns, as xlsx or csv (a job).
   * The file comes from main, never as a path from the window: either `chosenId`, a file the clerk
   * picked in the desktop's save dialog (chooseGridExportFile), or — in the web host — the folder
   * the clerk typed and a file name, which main makes safe and gives the format's extension. An
   * existing file is replaced only with `overwrite` (the clerk agreed) or when the save dialog
   * asked.
   */
  exportGridView: call<JobStatus<GridExportResult>>()(
    z
      .object({
        grid,
        view: gridViewSchema,
        columns: z.array(colId).min(1).max(100),
        format: z.enum(['xlsx', 'csv']),
        chosenId: z.string().trim().min(1).max(64).optional(),
        folder: z.string().trim().min(1).max(1024).optional(),
        fileName: z.string().trim().min(1).max(200).optional(),
        overwrite: z.boolean().default(false),
        language: z.enum(LANGUAGES),
      })
      .strict(),
  ),
  /** The desktop's save dialog for "Export this view"; { supported: false } in the web host. */
  chooseGridExportFile: call<{ supported: boolean; chosenId: string | null; path: string | null }>()(
    z.object({ format: z.enum(['xlsx', 'csv']), suggestedName: z.string().trim().min(1).max(200) }).strict(),
  ),
} satisfies Record<(typeof GRID_CALLS)[number], AnyCallSpec>;

export interface GridExportResult {
  path: string;
  rows: number;
}

export type { CellRule, CellValue };
