import type { Ledger } from '../ledger/open';

export interface CliIo {
  stdout: { write(chunk: string): boolean; once(event: 'drain', listener: () => void): unknown };
  stderr: { write(chunk: string): boolean };
  env: NodeJS.ProcessEnv;
}

export interface ParsedArgs {
  command: string;
  positionals: string[];
  flags: Set<string>;
  /** Options with values; an option given several times (or with several values) keeps all. */
  options: Map<string, string[]>;
  db: string | undefined;
}

/** Wrong words on the command line: usage is printed and the exit code is 2. */
export class UsageError extends Error {}

/** One CLI command. Features register theirs in cli.ts's COMMANDS list. */
export interface CliCommand {
  name: string;
  /** Lines for the usage text: "  name ARGS   what it does" (one or more). */
  usage: string;
  positionals: { min: number; max: number };
  /** Options without a value. */
  flags: readonly string[];
  /** Options with a value. */
  options: readonly string[];
  /** Options that take every following non-option word as a value (e.g. --county A B C). */
  multiValueOptions?: readonly string[];
  /** Creates the ledger when there is none (only `init`); every other command needs one. */
  createsLedger?: boolean;
  /** Checks the arguments before the ledger is opened; throws UsageError. */
  validate?(args: ParsedArgs): void;
  /** Runs with the ledger open; returns the exit code. */
  run(args: ParsedArgs, ledger: Ledger, io: CliIo): Promise<number>;
}

export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  return values?.[values.length - 1];
}
