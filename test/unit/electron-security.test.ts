import { mkdirSync, writeFileSync } from 'node:fs';
import type { MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appProtocolResponse } from '../../src/main/electron/app-protocol';
import {
  APP_ENTRY_URL,
  denyAllPermissions,
  guardWebContents,
  isTrustedSender,
  mainWindowOptions,
  packagedMenuTemplate,
  refuseDevTools,
  type GuardedContents,
  type NavigationEvent,
} from '../../src/main/electron/security';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security/csp';
import { resolveStaticPath } from '../../src/main/security/static-files';
import { tempDir } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A stand-in for webContents that records the listeners the guard attaches. */
function recordingContents() {
  const listeners = new Map<string, ((event: NavigationEvent, url: string) => void)[]>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents: GuardedContents = {
    on(event: string, listener: (event: NavigationEvent, url: string) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  } as GuardedContents;
  const fire = (event: string, url = '') => {
    let prevented = false;
    for (const l of listeners.get(event) ?? []) l({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('the app window', () => {
  it('runs the renderer isolated, sandboxed, without Node, with the CommonJS preload', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs', { packaged: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has DevTools only while developing: the installed app has none, in the window or the menu', () => {
    expect(mainWindowOptions('/p.cjs', { packaged: false }).webPreferences?.devTools).toBe(true);
    expect(mainWindowOptions('/p.cjs', { packaged: true }).webPreferences?.devTools).toBe(false);
    const roles: string[] = [];
    const walk = (items: MenuItemConstructorOptions[]) => {
      for (const item of items) {
        if (item.role) roles.push(item.role.toLowerCase());
        if (Array.isArray(item.submenu)) walk(item.submenu);
      }
    };
    walk(packagedMenuTemplate());
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'undo', 'zoomin']));
    for (const refused of ['toggledevtools', 'reload', 'forcereload', 'viewmenu']) expect(roles).not.toContain(refused);
  });

  it('closes DevTools at once when they open anyway in the installed app', () => {
    const listeners: (() => void)[] = [];
    let closed = 0;
    refuseDevTools({ on: (_event, listener) => listeners.push(listener), closeDevTools: () => closed++ });
    expect(listeners).toHaveLength(1);
    listeners[0]!();
    expect(closed).toBe(1);
  });

  it('has a strict Content-Security-Policy: own files only, no inline or remote script, no plugins or framing', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['base-uri']).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('blocks navigation and redirects away from the app, and refuses new windows and webviews', () => {
    const { contents, fire, open } = recordingContents();
    guardWebContents(contents);
    expect(fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(fire('will-navigate', `${APP_ENTRY_URL}#/persons`)).toBe(false);
    expect(fire('will-attach-webview')).toBe(true);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open(APP_ENTRY_URL)).toEqual({ action: 'deny' });
  });

  it('allows the dev server only when one is given', () => {
    const { contents, fire } = recordingContents();
    guardWebContents(contents, 'http://localhost:5173');
    expect(fire('will-navigate', 'http://localhost:5173/#/x')).toBe(false);
    expect(fire('will-navigate', 'http://localhost:5174/')).toBe(true);
  });

  it('denies every permission request and check', () => {
    let requestHandler: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let checkHandler: ((c: unknown, p: string) => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (requestHandler = h),
      setPermissionCheckHandler: (h) => (checkHandler = h),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      requestHandler!(null, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(checkHandler!(null, permission)).toBe(false);
    }
  });

  it('answers IPC only from the app’s own top frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: {} })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('the app protocol', () => {
  function rendererDir(): string {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = join(t.dir, 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>배치대장</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(t.dir, 'secret.txt'), 'secret');
    return dir;
  }

  it('serves the built UI with the CSP header', async () => {
    const dir = rendererDir();
    const index = await appProtocolResponse('app://ledger/index.html', dir);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('배치대장');
    const script = await appProtocolResponse('app://ledger/assets/app.js', dir);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder or for another host', async () => {
    const dir = rendererDir();
    for (const url of [
      'app://ledger/../secret.txt',
      'app://ledger/%2e%2e/secret.txt',
      'app://ledger/..%2fsecret.txt',
      'app://other/index.html',
      'app://ledger/missing.js',
    ]) {
      expect((await appProtocolResponse(url, dir)).status, url).toBe(404);
    }
    expect(resolveStaticPath(dir, '/%2e%2e%2fsecret.txt')).toBeNull();
    expect(resolveStaticPath(dir, '/a%00b')).toBeNull();
    expect(resolveStaticPath(dir, '/')).toBe(join(dir, 'index.html'));
  });
});
