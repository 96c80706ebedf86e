// The foundation's calls: ledger facts, settings, regions, the check, and job polling.
import { z } from 'zod';
import { LANGUAGES, type Language, type LedgerTable, type RegionType } from '../domain';
import { call, type AnyCallSpec } from './define';
import type { CORE_CALLS } from './core.names';
import type { JobStatus } from './jobs';

export interface LedgerInfo {
  ledgerPath: string;
  appVersion: string;
  /** The migration level stored in the ledger file (PRAGMA user_version). */
  migrationLevel: number;
  /** Row counts of every ledger table. */
  counts: Record<LedgerTable, number>;
  clerk: string;
}

export interface Settings {
  /** null until the clerk picks one; the UI then starts in Korean. */
  language: Language | null;
  /** Recorded in the audit log as who made each change. */
  clerkName: string;
  /** False until a clerk has given their name: the app asks for it before the first change. */
  clerkNameSet: boolean;
}

export interface Province {
  code: string;
  nameKo: string;
  nameEn: string;
}

export interface RegionUnit {
  code: string;
  provinceCode: string;
  nameKo: string;
  nameEn: string;
  type: RegionType;
}

export interface RegionList {
  provinces: Province[];
  units: RegionUnit[];
}

export interface CheckProblem {
  code: string;
  message: string;
}

export interface CheckReport {
  ok: boolean;
  problems: CheckProblem[];
}

const noInput = z.object({}).strict();

export const settingsPatchSchema = z
  .object({
    language: z.enum(LANGUAGES).optional(),
    clerkName: z.string().trim().min(1).max(60).optional(),
  })
  .strict();

export const listRegionsSchema = z.object({ provinceCode: z.string().min(1).max(40).optional() }).strict();

export const jobIdSchema = z.object({ jobId: z.string().min(1).max(64) }).strict();

export const coreContract = {
  getInfo: call<LedgerInfo>()(noInput),
  getSettings: call<Settings>()(noInput),
  updateSettings: call<Settings>()(settingsPatchSchema),
  listRegions: call<RegionList>()(listRegionsSchema),
  checkLedger: call<CheckReport>()(noInput),
  getJob: call<JobStatus>()(jobIdSchema),
  cancelJob: call<JobStatus>()(jobIdSchema),
} satisfies Record<(typeof CORE_CALLS)[number], AnyCallSpec>;
