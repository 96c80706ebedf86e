// The import writes through its own connection to the ledger file, so its long transaction
// (open across many turns of the event loop while the worker reads) never swallows another
// call's writes made on the app's connection meanwhile: those wait for the lock instead.
import { openLedger, type Ledger } from '../ledger/open';

/** A second connection to the same ledger file, with the same pragmas (openDatabase picks the build). */
export function openSecondConnection(ledger: Ledger): Ledger {
  return openLedger(ledger.path, { busyTimeoutMs: ledger.busyTimeoutMs, create: false });
}
