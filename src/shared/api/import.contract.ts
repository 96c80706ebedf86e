// The import calls: input schema and result type of each (see define.ts).
import type { AnyCallSpec } from './define';
import type { IMPORT_CALLS } from './import.names';

export const importContract = {} satisfies Record<(typeof IMPORT_CALLS)[number], AnyCallSpec>;
