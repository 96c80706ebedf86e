// The Electron main process: thin glue between Electron and the plain-Node services. Everything
// testable lives elsewhere (ledger/, api/, electron/security.ts, electron/app-protocol.ts).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { API_CALLS, channelOf } from '../shared/api-names';
import { LedgerError } from '../shared/errors';
import { errorSentence } from '../shared/i18n';
import type { DesktopIntegration } from './api/context';
import { createSession, type LedgerSession } from './api/session';
import { appProtocolResponse } from './electron/app-protocol';
import { HubPins } from './hub/pins';
import { resolveNativeBinding } from './electron/native-binding';
import {
  APP_ENTRY_URL,
  denyAllPermissions,
  guardWebContents,
  isTrustedSender,
  mainWindowOptions,
  packagedMenuTemplate,
  refuseDevTools,
} from './electron/security';
import { LEDGER_FILE_NAME, rememberedLedgerPath, rememberLedgerPath, resolveLedgerPath } from './ledger/location';
import { openLedger, type Ledger } from './ledger/open';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let mainWindow: BrowserWindow | null = null;
let ledgerSession: LedgerSession | null = null;

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function showStartupError(error: unknown): void {
  const data =
    error instanceof LedgerError
      ? error.toData()
      : { code: 'internal' as const, message: error instanceof Error ? error.message : String(error) };
  console.error('[ledger] startup failed', error);
  dialog.showErrorBox('배치대장 — Placement Ledger', `${errorSentence(data, 'ko')}\n\n${errorSentence(data, 'en')}`);
}

function createWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs'), { packaged: app.isPackaged }));
  guardWebContents(mainWindow.webContents, devServerUrl);
  if (app.isPackaged) refuseDevTools(mainWindow.webContents);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

/** What only the desktop can do: native file and folder dialogs, opening a folder. */
function desktopIntegration(): DesktopIntegration {
  return {
    chooseImportFile: async () => {
      const options: Electron.OpenDialogOptions = {
        properties: ['openFile'],
        filters: [
          { name: 'Excel / CSV', extensions: ['xlsx', 'csv'] },
          { name: '*', extensions: ['*'] },
        ],
      };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    // Settings → open another ledger / start a new one.
    chooseLedgerFile: async (mode, current) => {
      const filters = [
        { name: 'Ledger (SQLite)', extensions: ['sqlite', 'db'] },
        { name: '*', extensions: ['*'] },
      ];
      if (mode === 'open') {
        const options: Electron.OpenDialogOptions = { properties: ['openFile'], defaultPath: current, filters };
        const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      }
      const options: Electron.SaveDialogOptions = {
        defaultPath: current,
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    chooseFolder: async (current) => {
      const options: Electron.OpenDialogOptions = {
        properties: ['openDirectory', 'createDirectory'],
        ...(current ? { defaultPath: current } : {}),
      };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseSaveFile: async ({ defaultPath, extension }) => {
      const options: Electron.SaveDialogOptions = {
        defaultPath,
        filters: [{ name: extension === 'xlsx' ? 'Excel' : 'CSV', extensions: [extension] }],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    openFolder: (path) => shell.openPath(path),
    // The Dashboard's "Print": the page as the print CSS lays it out, charts as SVG (vector).
    printWindowToPdf: async (suggestedName) => {
      if (!mainWindow) return null;
      const options: Electron.SaveDialogOptions = {
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const result = await dialog.showSaveDialog(mainWindow, options);
      if (result.canceled || !result.filePath) return null;
      const pdf = await mainWindow.webContents.printToPDF({
        landscape: true,
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
      });
      await writeFile(result.filePath, pdf);
      return result.filePath;
    },
    documentsDir: app.getPath('documents'),
  };
}

function registerIpc(current: LedgerSession): void {
  for (const name of API_CALLS) {
    ipcMain.handle(channelOf(name), (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, devServerUrl)) {
        return { ok: false, error: { code: 'forbidden_sender', message: `refused ${name} from ${event.senderFrame?.url}` } };
      }
      return current.dispatch(name, input);
    });
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the ledger: it focuses its window (below) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, devServerUrl);
    if (app.isPackaged) refuseDevTools(contents);
  });

  void app.whenReady().then(() => {
    // The ledger the clerk last switched to in Settings, else the embedded one; --db and LEDGER_DB win.
    const userData = app.getPath('userData');
    const dbPath = resolveLedgerPath(
      process.argv.slice(1),
      process.env,
      rememberedLedgerPath(userData) ?? join(userData, LEDGER_FILE_NAME),
    );
    let ledger: Ledger;
    const openOptions = { resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : undefined };
    try {
      // Every connection (also in worker threads) loads the SQLite build made for Electron,
      // checked first: the one inside the installed app, or the one `npm start` prepared.
      const target = { abi: Number(process.versions.modules), platform: process.platform, arch: process.arch };
      const nativeBinding = resolveNativeBinding(
        app.isPackaged
          ? { mode: 'packaged', resourcesPath: process.resourcesPath, target }
          : { mode: 'electron-dev', appPath: app.getAppPath(), electronVersion: process.versions.electron ?? '', target, env: process.env },
      );
      if (nativeBinding) process.env.LEDGER_NATIVE_BINDING = nativeBinding;
      ledger = openLedger(dbPath, openOptions);
    } catch (error) {
      showStartupError(error);
      app.exit(1);
      return;
    }
    denyAllPermissions(session.defaultSession);
    if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(packagedMenuTemplate()));
    const rendererDir = join(__dirname, '../renderer');
    protocol.handle('app', (request) => appProtocolResponse(request.url, rendererDir));
    ledgerSession = createSession({
      desktop: desktopIntegration(),
      ledger,
      appVersion: app.getVersion(),
      openOptions,
      onSwitched: (path) => rememberLedgerPath(userData, path),
      // Settings → connect to the office ledger (hubs.json beside last-ledger.json).
      hubPins: new HubPins(userData),
    });
    registerIpc(ledgerSession);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    // Working on a hub: its session is signed out on the way (best effort; it expires anyway).
    ledgerSession?.close();
    ledgerSession = null;
  });
}
