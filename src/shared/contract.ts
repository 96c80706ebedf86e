// The ledger API: one entry per call — its input schema (zod, checked in main for every call,
// reusable in the renderer for instant feedback) and its result type. The entries live by
// feature in api/*.contract.ts; main's handler map, the preload bridge and the renderer's
// `window.ledger` are all typed from the one table assembled here.
import type { z } from 'zod';
import type { ApiCallName } from './api-names';
import { allocationContract } from './api/allocation.contract';
import { backupContract } from './api/backup.contract';
import { coreContract } from './api/core.contract';
import type { AnyCallSpec } from './api/define';
import { exportContract } from './api/export.contract';
import { gridContract } from './api/grid.contract';
import { hubContract } from './api/hub.contract';
import { importContract } from './api/import.contract';
import type { Result } from './errors';

export * from './api/core.contract';
export type { JobProgress, JobState, JobStatus } from './api/jobs';

export const contract = {
  ...coreContract,
  ...gridContract,
  ...importContract,
  ...exportContract,
  ...backupContract,
  ...allocationContract,
  ...hubContract,
} satisfies Record<ApiCallName, AnyCallSpec>;

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

/** The handlers of a subset of calls (one feature's). */
export type HandlersFor<K extends ApiCallName> = Pick<LedgerHandlers, K>;
