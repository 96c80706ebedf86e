import type { HandlersFor } from '../../shared/contract';
import type { EXPORT_CALLS } from '../../shared/api/export.names';
import type { ApiContext } from '../api/handlers';

/** The export calls (src/shared/api/export.contract.ts). */
export function createExportHandlers(_context: ApiContext): HandlersFor<(typeof EXPORT_CALLS)[number]> {
  return {};
}
