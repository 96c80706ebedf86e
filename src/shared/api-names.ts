// The names of every ledger API call, with no dependencies: the preload script imports this
// (and the *.names.ts files it gathers) and nothing else at run time, so it exposes exactly these
// calls. `contract.ts` checks at compile time that its entries match this list one to one.
import { ALLOCATION_CALLS } from './api/allocation.names';
import { BACKUP_CALLS } from './api/backup.names';
import { CORE_CALLS } from './api/core.names';
import { EXPORT_CALLS } from './api/export.names';
import { GRID_CALLS } from './api/grid.names';
import { HUB_CALLS } from './api/hub.names';
import { IMPORT_CALLS } from './api/import.names';

export const API_CALLS = [
  ...CORE_CALLS,
  ...GRID_CALLS,
  ...IMPORT_CALLS,
  ...EXPORT_CALLS,
  ...BACKUP_CALLS,
  ...ALLOCATION_CALLS,
  ...HUB_CALLS,
] as const;

export type ApiCallName = (typeof API_CALLS)[number];

/** The IPC channel of a call. Main registers handlers on exactly these channels. */
export function channelOf(name: ApiCallName): string {
  return `ledger:${name}`;
}
