// Globals the renderer sees. In Electron the preload exposes `window.ledger`; in a plain
// browser (the web host) it is absent and `api/` talks HTTP instead.
import type { LedgerApi } from '../../shared/contract';

declare global {
  interface Window {
    ledger?: LedgerApi;
  }
}

export {};
