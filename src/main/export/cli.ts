import type { CliCommand } from '../cli/types';

/** `ledger export …` (see the export issue). */
export const exportCommands: readonly CliCommand[] = [];
