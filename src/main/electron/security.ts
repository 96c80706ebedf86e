// The hardening of the app window, as plain functions over the few Electron objects they touch,
// so a unit test can check them without launching Electron. Only type imports from 'electron'.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, WebPreferences } from 'electron';

/** The only origin the UI is loaded from: the app's own protocol serving out/renderer. */
export const APP_ORIGIN = 'app://ledger';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** DevTools exist only while developing (`npm start`); the installed app (app.isPackaged) has none. */
export function secureWebPreferences(preloadPath: string, { packaged }: { packaged: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !packaged,
  };
}

export function mainWindowOptions(preloadPath: string, options: { packaged: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#f5f6f8',
    title: '배치대장 — Placement Ledger',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, options),
  };
}

/**
 * Whether a URL is the app's own UI: the app protocol, or (development only) the electron-vite
 * dev server given in ELECTRON_RENDERER_URL.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'app:' && parsed.host === 'ledger') return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Minimal shapes of the Electron objects the guards attach to. */
export interface NavigationEvent {
  preventDefault(): void;
}
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}
export interface GuardedSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
}

/**
 * Navigation away from the app is blocked (a clicked link, a redirect, a dropped file), new
 * windows are refused, and <webview> cannot be attached. Within the app, hash routing does not
 * navigate, so nothing legitimate is lost.
 */
export function guardWebContents(contents: GuardedContents, devServerUrl?: string): void {
  const block = (event: NavigationEvent, url: string) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Every permission (camera, notifications, geolocation, …) is refused: the ledger needs none. */
export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** IPC is answered only for the app's own top frame. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined, devServerUrl?: string): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url, devServerUrl);
}

/**
 * The installed app's menu: editing and zoom only — no DevTools, no reload (a reload would drop
 * what the clerk is typing). While developing, Electron's default menu stays.
 */
export function packagedMenuTemplate(): MenuItemConstructorOptions[] {
  return [
    {
      role: 'editMenu',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
}

/** The part of webContents the DevTools refusal touches. */
export interface DevToolsContents {
  on(event: 'devtools-opened', listener: () => void): unknown;
  closeDevTools(): void;
}

/**
 * In the installed app, DevTools that open anyway (webPreferences.devTools is already false, so
 * this is a second wall) are closed at once: the window refuses them.
 */
export function refuseDevTools(contents: DevToolsContents): void {
  contents.on('devtools-opened', () => contents.closeDevTools());
}
