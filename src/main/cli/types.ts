import type { HubCall } from '../hub/hub-call';
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
  /** Runs with the ledger open; returns the exit code. A command with only this refuses --remote. */
  run?(args: ParsedArgs, ledger: Ledger, io: CliIo): Promise<number>;
  /** Runs through the contract's calls: the same code on this PC's ledger and on a hub (--remote). */
  runApi?(args: ParsedArgs, api: CliApi, io: CliIo): Promise<number>;
  /** With --remote, where `run` works on the ledger's services directly (import, export). */
  runRemote?(args: ParsedArgs, api: CliApi, io: CliIo): Promise<number>;
}

/** The contract as a command sees it: calls that throw their LedgerError. */
export interface CliApi {
  call: HubCall;
  /** This PC's open ledger; null on a hub. */
  ledger: Ledger | null;
  /** The hub's address with --remote; null locally. */
  hub: string | null;
}

export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  return values?.[values.length - 1];
}
