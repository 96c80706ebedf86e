// The export calls: input schema and result type of each (see define.ts).
import type { AnyCallSpec } from './define';
import type { EXPORT_CALLS } from './export.names';

export const exportContract = {} satisfies Record<(typeof EXPORT_CALLS)[number], AnyCallSpec>;
