// The native open/save dialogs for a ledger file live in the Electron glue (src/main/index.ts, the
// only file that may import electron); it registers them here. Without them (the web host, tests)
// Settings shows a path field instead.
export type LedgerFileChooser = (mode: 'open' | 'new', current: string) => Promise<string | null>;

let chooser: LedgerFileChooser | null = null;

export function setLedgerFileChooser(fn: LedgerFileChooser | null): void {
  chooser = fn;
}

export function ledgerFileChooser(): LedgerFileChooser | null {
  return chooser;
}
