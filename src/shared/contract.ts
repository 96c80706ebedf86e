// The ledger API: one entry per call — its input schema (zod, checked in main for every call,
// reusable in the renderer for instant feedback) and its result type. Main's handler map, the
// preload bridge and the renderer's `window.ledger` are all typed from this one table.
import { z } from 'zod';
import type { ApiCallName } from './api-names';
import { LANGUAGES, LEDGER_TABLES, REGION_TYPES, type LedgerTable, type RegionType, type Language } from './domain';
import type { Result } from './errors';

// ---- result types -------------------------------------------------------------------------

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

// ---- input schemas ------------------------------------------------------------------------

const noInput = z.object({}).strict();

export const settingsPatchSchema = z
  .object({
    language: z.enum(LANGUAGES).optional(),
    clerkName: z.string().trim().min(1).max(60).optional(),
  })
  .strict();

export const listRegionsSchema = z
  .object({ provinceCode: z.string().min(1).max(40).optional() })
  .strict();

// ---- the contract -------------------------------------------------------------------------

interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the result type; never read at run time. */
  output?: O;
}

function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

export const contract = {
  getInfo: call<LedgerInfo>()(noInput),
  getSettings: call<Settings>()(noInput),
  updateSettings: call<Settings>()(settingsPatchSchema),
  listRegions: call<RegionList>()(listRegionsSchema),
  checkLedger: call<CheckReport>()(noInput),
} satisfies Record<ApiCallName, CallSpec<z.ZodType, unknown>>;

// Both directions: every name has an entry and every entry has a name.
type Contract = typeof contract;
type _EveryEntryNamed = Exclude<keyof Contract, ApiCallName> extends never ? true : never;
const _everyEntryNamed: _EveryEntryNamed = true;
void _everyEntryNamed;

export type CallInput<K extends ApiCallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends ApiCallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends ApiCallName> = NonNullable<Contract[K]['output']>;

/** What `window.ledger` is: one async function per call, resolving to a result envelope. */
export type LedgerApi = {
  [K in ApiCallName]: (input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

/** What main implements: one function per call, given already-validated input. */
export type LedgerHandlers = {
  [K in ApiCallName]: (input: ParsedInput<K>) => CallOutput<K> | Promise<CallOutput<K>>;
};

export { LEDGER_TABLES, REGION_TYPES };
