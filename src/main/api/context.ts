// What every feature's handlers are given: the open ledger, the job registry, the session (to
// switch ledgers) and what only the desktop shell can do. Its own module so that the features'
// handlers and the session that builds them never import each other.
import type { OpenedLedger } from '../../shared/api/backup.contract';
import type { HubStatus } from '../../shared/api/hub.contract';
import type { Result } from '../../shared/errors';
import type { HubPins } from '../hub/pins';
import type { JobRegistry } from '../jobs/registry';
import type { Ledger } from '../ledger/open';

export interface SessionControl {
  /** The ledger open now (a restore or a switch replaces it). */
  readonly ledger: Ledger;
  /** Any call, as the window makes it: the office hub serves the app's ledger through it (sharing). */
  dispatch(name: unknown, input: unknown): Result<unknown> | Promise<Result<unknown>>;
  /** Opens `path` (creating it when `create`) and rebuilds the handlers on it. */
  reopen(path: string, create: boolean): OpenedLedger;
  /** Checks a clerk-given path asynchronously (time limit), then reopens on it. */
  switchTo(path: string, create: boolean): Promise<OpenedLedger>;
  /** Present where the app can work on an office hub (the app, the web host): connectHub switches through it. */
  hub?: HubSessionControl;
}

/** The app working on another PC's ledger (hub/remote-session.ts): every call but this PC's own. */
export interface ConnectedHub {
  dispatch(name: unknown, input: unknown): Promise<Result<unknown>>;
  status(): HubStatus;
  /** Signs out (best effort) and lets go of the connection. */
  close(): Promise<void>;
}

/** Switching the app between its own ledger and an office hub (docs/hub.md, "Modes"). */
export interface HubSessionControl {
  /** This PC's pinned hubs (hubs.json in the app's data folder). */
  pins: HubPins;
  /** The hub the app works on now; null on this PC's ledger. */
  readonly remote: ConnectedHub | null;
  /** Works on the hub from now on; this PC's ledger is closed, untouched. Refused while a job runs here. */
  connect(remote: ConnectedHub): Promise<void>;
  /** Back to this PC's ledger (opened again); the hub's session is signed out. */
  disconnect(): Promise<void>;
  /** getHubStatus of whatever the app works on now. */
  status(): HubStatus | Promise<HubStatus>;
}

/**
 * What only the desktop shell can do — native dialogs, opening a folder in the file manager, the
 * user's Documents folder. src/main/index.ts (it alone imports electron) fills it in; in the web
 * host, the CLI and tests it is empty, and the pages fall back to typed paths and uploads.
 */
export interface DesktopIntegration {
  /** The open dialog for an import file; null when the clerk cancelled. */
  chooseImportFile?(): Promise<string | null>;
  /** Settings → open another ledger / start a new one: an open or save dialog; null when cancelled. */
  chooseLedgerFile?(mode: 'open' | 'new', current: string): Promise<string | null>;
  /** Shows a folder picker; resolves to the chosen folder, or null when the clerk cancelled. */
  chooseFolder?(current: string | undefined): Promise<string | null>;
  /** Shows a save dialog (it asks before replacing a file); resolves to the chosen path, or null when cancelled. */
  chooseSaveFile?(options: { defaultPath: string; extension: 'xlsx' | 'csv' }): Promise<string | null>;
  /** Opens a folder in the file manager; resolves to '' or an error text (shell.openPath). */
  openFolder?(path: string): Promise<string>;
  /**
   * The window as a PDF (A4 landscape, vector: Electron's printToPDF), saved where the clerk
   * chooses in a save dialog; resolves to the saved path, or null when the clerk cancelled.
   */
  printWindowToPdf?(suggestedName: string): Promise<string | null>;
  /** app.getPath('documents'). */
  documentsDir?: string;
}

export interface ApiContext {
  ledger: Ledger;
  appVersion: string;
  /** Long work; one registry per app (or web host) run. */
  jobs: JobRegistry;
  /** What the desktop shell offers; {} elsewhere. */
  desktop: DesktopIntegration;
  /** Present when the transport can switch ledgers (app, web host): restore and open reopen through it. */
  session?: SessionControl;
  /** Registers what to release when the app or web host stops (temp folders, timers). */
  onDispose?(release: () => void): void;
}
