import type { HandlersFor } from '../../shared/contract';
import type { IMPORT_CALLS } from '../../shared/api/import.names';
import type { ApiContext } from '../api/handlers';

/** The import calls (src/shared/api/import.contract.ts). */
export function createImportHandlers(_context: ApiContext): HandlersFor<(typeof IMPORT_CALLS)[number]> {
  return {};
}
