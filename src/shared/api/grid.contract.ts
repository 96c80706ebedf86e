// The grid calls: input schema and result type of each (see define.ts).
import type { AnyCallSpec } from './define';
import type { GRID_CALLS } from './grid.names';

export const gridContract = {} satisfies Record<(typeof GRID_CALLS)[number], AnyCallSpec>;
