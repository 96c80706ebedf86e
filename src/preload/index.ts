// The bridge: exactly the contract's calls, as a plain object of functions on window.ledger.
// No ipcRenderer, no events, no logic leak through; sandboxed, CommonJS, no npm imports.
import { contextBridge, ipcRenderer } from 'electron';
import { API_CALLS, channelOf } from '../shared/api-names';
import type { LedgerApi } from '../shared/contract';

const ledger = Object.fromEntries(
  API_CALLS.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input ?? {})]),
) as LedgerApi;

contextBridge.exposeInMainWorld('ledger', Object.freeze(ledger));
