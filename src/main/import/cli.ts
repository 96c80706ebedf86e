import type { CliCommand } from '../cli/types';

/** `ledger import …` (see the import issue). */
export const importCommands: readonly CliCommand[] = [];
