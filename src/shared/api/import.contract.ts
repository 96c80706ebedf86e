// The import calls: input schema and result type of each (see define.ts).
//
// The wizard: a file is staged in main (uploaded in chunks from an <input type=file>, or chosen
// with the native dialog in the app) → startImportInspect (a job) finds the sheet, the header
// row(s) and a mapping of columns to fields → the clerk confirms or corrects them → startImportDryRun
// (a job) reads every row and reports what would happen → startImportCommit (a job) writes it in
// one transaction. Long work runs as jobs polled with the core getJob / cancelJob.
import { z } from 'zod';
import { LANGUAGES, TERMS, type Sector, type Term } from '../domain';
import { call, type AnyCallSpec } from './define';
import { IMPORT_FIELDS, IMPORT_KINDS, type ImportField, type ImportIssueCode, type ImportKind } from './import.fields';
import type { IMPORT_CALLS } from './import.names';
import type { JobStatus } from './jobs';

// The field names and issue codes live in a zod-free module (the import worker loads it alone).
export {
  DECISION_FIELDS,
  IMPORT_FIELDS,
  IMPORT_ISSUE_CODES,
  IMPORT_KINDS,
  IMPORT_WARNING_CODES,
  REQUEST_FIELDS,
  REQUIRED_FIELDS,
  type DecisionField,
  type ImportField,
  type ImportIssueCode,
  type ImportKind,
  type RequestField,
} from './import.fields';

export type IssueSeverity = 'error' | 'warning';

export interface ImportIssue {
  /** The row number as Excel shows it (1-based; CSV: the record number). */
  row: number;
  /** The sheet, when a file's rows come from several sheets (request sheets per county). */
  sheet?: string;
  /** Column letter as Excel shows it (A, B, … AA), or null for a problem of the whole row. */
  column: string | null;
  field: ImportField | null;
  severity: IssueSeverity;
  code: ImportIssueCode;
  /** Values for the sentence ({{value}}, {{first}}, {{guess}} …). */
  details: Record<string, string | number | null>;
  /**
   * Whom the row names, as the file writes it, so the list can go back to the Bureau or the
   * county: a decision row's service number and name, a request row's workplace (absent when the
   * file leaves them empty).
   */
  serviceNo?: string;
  name?: string;
  workplace?: string;
}

/** The longest text of a row's service number, name or workplace an issue carries. */
export const ISSUE_WHO_CHARS = 120;

/** Copies who a row names onto an issue (empty values left out, long ones cut). */
export function withWho(
  issue: ImportIssue,
  who: { serviceNo?: string | null; name?: string | null; workplace?: string | null },
): ImportIssue {
  for (const key of ['serviceNo', 'name', 'workplace'] as const) {
    const value = who[key];
    if (typeof value === 'string' && value !== '')
      issue[key] = value.length > ISSUE_WHO_CHARS ? value.slice(0, ISSUE_WHO_CHARS) + '…' : value;
  }
  return issue;
}

export type ImportFormat = 'xlsx' | 'csv';
export type CsvEncoding = 'utf8' | 'cp949' | 'utf16le' | 'utf16be';

/** The clerk's choices; every one optional (auto-detected otherwise). */
export const importOptionsSchema = z
  .object({
    kind: z.enum(['auto', ...IMPORT_KINDS]).default('auto'),
    sheet: z.string().min(1).max(255).optional(),
    /**
     * Every visible sheet with the chosen sheet's header is read (request sheets per city/county,
     * decision files split per county or term): `sheets` keeps only these, `skipSheets` leaves
     * these out.
     */
    sheets: z.array(z.string().min(1).max(255)).max(1000).optional(),
    skipSheets: z.array(z.string().min(1).max(255)).max(1000).optional(),
    /** The (last) header row, 1-based as in Excel. */
    headerRow: z.number().int().min(1).max(1_048_576).optional(),
    encoding: z.enum(['auto', 'utf8', 'cp949']).default('auto'),
    /** Column index (0-based, as a string) → field, or null to leave a column out. */
    mapping: z
      .record(z.string().regex(/^\d{1,5}$/), z.enum(IMPORT_FIELDS as unknown as [ImportField, ...ImportField[]]).nullable())
      .optional(),
    /** A city/county as written in the file → the region code the clerk chose for it. */
    countyChoices: z.record(z.string().min(1).max(200), z.string().min(1).max(80)).optional(),
    /** Defaults for what the file does not say. */
    year: z.number().int().min(1948).max(2200).optional(),
    term: z.enum(TERMS).optional(),
    province: z.string().min(1).max(40).optional(),
  })
  .strict();
export type ImportOptions = z.output<typeof importOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

export interface StagedImportFile {
  fileId: string;
  fileName: string;
  size: number;
  sha256: string;
}

export interface ImportCapabilities {
  /** True in the desktop app: chooseImportFile opens the native dialog. */
  nativeDialog: boolean;
  maxFileBytes: number;
  /** Bytes per appendImportUpload call (before base64). */
  chunkBytes: number;
}

export interface InspectSheet {
  name: string;
  hidden: boolean;
  /** How well the sheet's best row matches a known header (0 = no header found). */
  headerScore: number;
  kind: ImportKind | null;
}

export type MappingSource = 'auto' | 'remembered' | 'clerk' | 'none';

export interface InspectColumn {
  index: number;
  letter: string;
  /** The header text (two-row headers joined: "배치지 / 도"). */
  header: string;
  hidden: boolean;
  field: ImportField | null;
  source: MappingSource;
  /** First values below the header, as text. */
  samples: string[];
}

export interface TitleInfo {
  decisionNo: string | null;
  decisionDate: string | null;
  year: number | null;
  term: Term | null;
}

export interface InspectResult {
  fileName: string;
  size: number;
  sha256: string;
  format: ImportFormat;
  encoding: CsvEncoding | null;
  encodingDetected: CsvEncoding | null;
  sheets: InspectSheet[];
  sheet: string | null;
  kind: ImportKind;
  kindDetected: ImportKind | null;
  /** The header rows (one or two), 1-based; headerRow is the last of them. */
  headerRows: number[];
  headerRow: number;
  columns: InspectColumn[];
  /** The first rows under the header, as text, for the clerk to see. */
  preview: { row: number; cells: string[] }[];
  /** The rows above the header (title area), as text. */
  titleRows: { row: number; text: string }[];
  title: TitleInfo;
  /** The header matched a mapping the clerk corrected earlier. */
  remembered: boolean;
  headerSignature: string;
  /** Required fields no column maps to. */
  missingFields: ImportField[];
  /**
   * Every visible sheet with this header (the chosen one first): read together unless the clerk
   * leaves some out. A sheet named after a city/county gives it to rows that name none.
   */
  headerSheets: HeaderSheet[];
  alreadyImported: ImportHistoryEntry | null;
}

export interface HeaderSheet {
  name: string;
  headerRow: number;
  /** The city/county the sheet is named after (request sheets), in Korean, or null. */
  countyKo: string | null;
  countyEn: string | null;
  /** Left out by the clerk (options.sheets / skipSheets). */
  leftOut: boolean;
}

/** A sheet's rows in a dry run or an import. */
export interface SheetCount extends HeaderSheet {
  /** Imported from this same file before (left out now, so only the other sheets come). */
  importedBefore: boolean;
  data: number;
  valid: number;
  invalid: number;
}

export interface CountyMatch {
  /** The city/county as written in the file (and the province column, if any). */
  source: string;
  province: string | null;
  /** The file's province in English. */
  provinceFileEn?: string | null;
  regionCode: string | null;
  nameKo: string | null;
  provinceKo: string | null;
  nameEn?: string | null;
  provinceEn?: string | null;
  how: 'exact' | 'suffix' | 'prefix' | 'romanized' | 'variant' | 'clerk' | 'none' | 'ambiguous';
  rows: number;
  /** Best guesses when unsure (never applied without the clerk). */
  candidates: { code: string; nameKo: string; provinceKo: string; nameEn?: string; provinceEn?: string }[];
}

export interface ImportCounts {
  rows: { data: number; valid: number; invalid: number; skipped: number };
  persons: { new: number; updated: number; unchanged: number };
  placements: { new: number; moved: number; unchanged: number };
  requests: { new: number; updated: number; unchanged: number };
}

export interface ImportReport extends ImportCounts {
  reportId: string;
  fileName: string;
  sha256: string;
  format: ImportFormat;
  encoding: CsvEncoding | null;
  kind: ImportKind;
  sheet: string | null;
  headerRow: number;
  title: TitleInfo;
  cohorts: { year: number; term: Term; rows: number; isNew: boolean }[];
  sectors: Partial<Record<Sector, number>>;
  issueCounts: Partial<Record<ImportIssueCode, number>>;
  /** The first issues (all of them when issuesTotal ≤ the cap); the saved xlsx holds up to 100,000. */
  issues: ImportIssue[];
  issuesTotal: number;
  /**
   * Rows whose service number belongs to another person in the ledger (identity_conflict), all
   * of them up to the shown cap: the wizard lists them for the clerk to accept or not.
   */
  identityConflicts: ImportIssue[];
  countyMatches: CountyMatch[];
  /** Each sheet read (and each left out), with its rows. */
  sheets: SheetCount[];
  /**
   * Rows that fail because the file does not say their year or term (asked once, not listed row
   * by row): give options.year / options.term.
   */
  needs: { year: number; term: number };
  dryRun: boolean;
  committed: boolean;
  skipInvalid: boolean;
  alreadyImported: ImportHistoryEntry | null;
  decisionFileId: number | null;
  operationId: number | null;
  backupPath: string | null;
  elapsedMs: number;
}

export interface ImportHistoryEntry {
  decisionFileId: number;
  fileName: string;
  sha256: string;
  kind: ImportKind;
  decisionNo: string | null;
  cohort: { year: number; term: Term } | null;
  /** Every term the file's rows went to, in calendar order (only the main cohort for files imported before this was kept). */
  cohorts: { year: number; term: Term; rows: number | null }[];
  importedAt: string;
  operationId: number | null;
  clerk: string | null;
  rowsValid: number;
  rowsInvalid: number;
  skippedInvalid: boolean;
  personsNew: number;
  personsUpdated: number;
  placementsNew: number;
  placementsMoved: number;
  /** The sheets the file gave (several when read together), with their rows. */
  sheets: { name: string; rows: number }[];
  /** Set when the import was undone (the row itself is then gone; kept here for the list). */
  undone: boolean;
}

export interface ImportUndoResult {
  decisionFileId: number;
  operationId: number;
  undoOperationId: number;
  entriesReverted: number;
}

const fileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const IMPORT_MAX_FILE_BYTES = 1024 * 1024 * 1024;
/** Raw bytes per upload chunk; base64 makes it 4/3 larger, well under the web host's 8 MB body cap. */
export const IMPORT_CHUNK_BYTES = 4 * 1024 * 1024;

export const importContract = {
  beginImportUpload: call<{ uploadId: string }>()(
    z.object({ fileName: z.string().min(1).max(260), size: z.number().int().min(0).max(IMPORT_MAX_FILE_BYTES) }).strict(),
  ),
  appendImportUpload: call<{ received: number }>()(
    z
      .object({
        uploadId: fileIdSchema,
        offset: z.number().int().min(0),
        data: z.string().max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4 + 16),
      })
      .strict(),
  ),
  finishImportUpload: call<StagedImportFile>()(z.object({ uploadId: fileIdSchema }).strict()),
  chooseImportFile: call<{ file: StagedImportFile | null }>()(z.object({}).strict()),
  discardImportFile: call<{ discarded: boolean }>()(z.object({ fileId: fileIdSchema }).strict()),
  getImportCapabilities: call<ImportCapabilities>()(z.object({}).strict()),
  startImportInspect: call<JobStatus<InspectResult>>()(
    z.object({ fileId: fileIdSchema, options: importOptionsSchema.default({ kind: 'auto', encoding: 'auto' }) }).strict(),
  ),
  startImportDryRun: call<JobStatus<ImportReport>>()(
    z.object({ fileId: fileIdSchema, options: importOptionsSchema.default({ kind: 'auto', encoding: 'auto' }) }).strict(),
  ),
  startImportCommit: call<JobStatus<ImportReport>>()(
    z
      .object({
        fileId: fileIdSchema,
        options: importOptionsSchema.default({ kind: 'auto', encoding: 'auto' }),
        skipInvalid: z.boolean().default(false),
        /**
         * Service numbers whose identity conflict the clerk accepted after seeing them listed in
         * the dry run: those rows turn the ledger's person into the file's. Others stay errors.
         */
        acceptIdentityChanges: z.array(z.string().min(1).max(40)).max(10_000).default([]),
      })
      .strict(),
  ),
  exportImportReport: call<{ fileName: string; data: string }>()(
    z.object({ reportId: fileIdSchema, language: z.enum(LANGUAGES) }).strict(),
  ),
  listImports: call<ImportHistoryEntry[]>()(z.object({ limit: z.number().int().min(1).max(500).default(20) }).strict()),
  startImportUndo: call<JobStatus<ImportUndoResult>>()(z.object({ decisionFileId: z.number().int().min(1) }).strict()),
} satisfies Record<(typeof IMPORT_CALLS)[number], AnyCallSpec>;
