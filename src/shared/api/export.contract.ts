// The export calls: input schema and result type of each (see define.ts).
// Flow of the Export page: getExportDefaults + listExportCohorts → listExportDepartments for the
// chosen term → planExport (which files, which already exist) → startExport (a job; poll getJob,
// cancelJob) → openExportFolder. chooseExportFolder opens the desktop's folder dialog where there
// is one (Electron), and answers { path: null, supported: false } in the web host.
import { z } from 'zod';
import { LANGUAGES, TERMS, type Term } from '../domain';
import { call, type AnyCallSpec } from './define';
import type { EXPORT_CALLS } from './export.names';
import { jobKind, type JobStatus } from './jobs';

export interface ExportDefaults {
  /** Where rosters go unless the clerk picks another folder: Documents/배치명단. */
  folder: string;
  /** A native folder dialog is available (Electron). */
  canChooseFolder: boolean;
  /** "Open folder" can open the system's file manager (Electron). */
  canOpenFolder: boolean;
}

export interface ExportCohort {
  year: number;
  term: Term;
  /** Persons on the rosters (placements not cancelled). */
  persons: number;
  departments: number;
}

export interface ExportDepartment {
  /** Region code of the city/county/district, e.g. kangwon.hoeyang-gun. */
  code: string;
  nameKo: string;
  nameEn: string;
  provinceCode: string;
  provinceKo: string;
  provinceEn: string;
  /** Persons on its roster (placements not cancelled). */
  persons: number;
  /** …of whom have a workplace (allocated to a county request). */
  allocated: number;
  unallocated: number;
  arrived: number;
}

export interface ExportDepartmentList {
  year: number;
  term: Term;
  departments: ExportDepartment[];
  persons: number;
}

export type ExportFileKind = 'roster' | 'summary';

export interface ExportPlanFile {
  kind: ExportFileKind;
  /** Region code for a roster, null for the province summary. */
  departmentCode: string | null;
  /** What the clerk reads: 강원도 회양군 (or the summary's title). */
  department: string;
  fileName: string;
  path: string;
  /** A file of that name is already in the folder (it is replaced only when the clerk agrees). */
  exists: boolean;
  /** Persons on a roster; cities/counties on the summary. */
  rows: number;
}

export interface ExportPlan {
  folder: string;
  folderExists: boolean;
  files: ExportPlanFile[];
  /** How many of the files already exist. */
  existing: number;
  persons: number;
}

export interface ExportResultFile {
  kind: ExportFileKind;
  department: string;
  departmentCode: string | null;
  fileName: string;
  path: string;
  rows: number;
  bytes: number;
}

/** The `result` of a finished export job. */
export interface ExportResult {
  folder: string;
  files: ExportResultFile[];
  persons: number;
  ms: number;
}

export const exportTermSchema = z
  .object({
    year: z.number().int().min(1948).max(2200),
    term: z.enum(TERMS),
  })
  .strict();

export const exportSelectionSchema = z
  .object({
    year: z.number().int().min(1948).max(2200),
    term: z.enum(TERMS),
    /** Region codes (or Korean names); empty = every department with persons in the term. */
    counties: z.array(z.string().trim().min(1).max(80)).max(1000).default([]),
    folder: z.string().trim().min(1).max(1024),
    /** Also write the province summary workbook. */
    summary: z.boolean().default(true),
    /** Language of the workbooks' headers and file names. */
    language: z.enum(LANGUAGES).default('ko'),
  })
  .strict();

export const startExportSchema = exportSelectionSchema.extend({
  /** Replace files of the same name (the clerk agreed). Otherwise existing files stop the export. */
  overwrite: z.boolean().default(false),
});

export type ExportSelection = z.output<typeof exportSelectionSchema>;
export type StartExportInput = z.output<typeof startExportSchema>;

/** The export job's kind: the page picks a running export up again by its id and this kind. */
export const EXPORT_JOB = jobKind<ExportResult>('export');

/**
 * Files a clerk working on the office hub saves (docs/hub.md, "Files over the hub"): the hub writes
 * them into a temp folder of its own (openDownload; its path given as the call's folder), and the
 * clerk's app fetches them in chunks into the place chosen on the clerk's PC, then discards them.
 */
export const DOWNLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

export interface DownloadChunk {
  /** The chunk, base64. */
  data: string;
  /** The whole file's size in bytes. */
  size: number;
}

const downloadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const exportContract = {
  getExportDefaults: call<ExportDefaults>()(z.object({}).strict()),
  listExportCohorts: call<{ cohorts: ExportCohort[] }>()(z.object({}).strict()),
  listExportDepartments: call<ExportDepartmentList>()(exportTermSchema),
  planExport: call<ExportPlan>()(exportSelectionSchema),
  /** Starts the export job (kind EXPORT_JOB); its result (getJob) is an ExportResult. */
  startExport: call<JobStatus<ExportResult>>()(startExportSchema),
  chooseExportFolder: call<{ path: string | null; supported: boolean }>()(z.object({ current: z.string().max(1024).optional() }).strict()),
  openExportFolder: call<{ opened: boolean; path: string }>()(z.object({ path: z.string().trim().min(1).max(1024) }).strict()),
  /** A temp folder on the PC holding the ledger for files the clerk's app fetches (removed an hour after its last use). */
  openDownload: call<{ downloadId: string; folder: string }>()(z.object({}).strict()),
  /** Up to DOWNLOAD_CHUNK_BYTES of a file in the download's folder, from `offset`. */
  readDownload: call<DownloadChunk>()(
    z.object({ downloadId, fileName: z.string().min(1).max(255), offset: z.number().int().min(0) }).strict(),
  ),
  discardDownload: call<{ discarded: boolean }>()(z.object({ downloadId }).strict()),
} satisfies Record<(typeof EXPORT_CALLS)[number], AnyCallSpec>;
