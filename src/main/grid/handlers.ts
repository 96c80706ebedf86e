import type { HandlersFor } from '../../shared/contract';
import type { GRID_CALLS } from '../../shared/api/grid.names';
import type { ApiContext } from '../api/handlers';

/** The grid calls (src/shared/api/grid.contract.ts). */
export function createGridHandlers(_context: ApiContext): HandlersFor<(typeof GRID_CALLS)[number]> {
  return {};
}
