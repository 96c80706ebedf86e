import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSession } from '../api/session';
import { appVersion } from '../app-version';
import { HubPins } from '../hub/pins';
import { userDataDir } from '../ledger/location';
import { openLedger, type Ledger, type OpenLedgerOptions } from '../ledger/open';
import { contentTypeOf, resolveStaticPath } from '../security/static-files';
import { answerApiCall, send, sendText } from './http-api';

export interface WebHostOptions {
  dbPath: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  openOptions?: OpenLedgerOptions;
  /** Where this PC's pinned office hubs are kept (hubs.json); default the app's data folder. */
  dataDir?: string;
}

export interface WebHost {
  /** The address to open, with the per-run token in the fragment (never sent to the server). */
  url: string;
  origin: string;
  token: string;
  ledger: Ledger;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the built renderer and the ledger API on 127.0.0.1 — the same contract and the same
 * main-side handlers as the Electron app; only the transport differs (HTTP instead of IPC).
 * Used by `npm run web` on machines without Electron's binary, and by the end-to-end tests.
 * API calls need the per-run token; a request for another Host name is refused (DNS rebinding).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  // The session: restore and "open another ledger" replace the ledger and its handlers in it.
  const session = createSession({
    ledger: openLedger(options.dbPath, options.openOptions),
    appVersion: appVersion(),
    ...(options.openOptions ? { openOptions: options.openOptions } : {}),
    // Settings → connect to the office ledger: this web host then works on the hub (a clerk's PC).
    hubPins: new HubPins(options.dataDir ?? userDataDir()),
  });
  const token = randomBytes(24).toString('base64url');
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    void (async () => {
      if (!allowedHosts.has(req.headers.host ?? '')) {
        sendText(res, 421, 'Misdirected request');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://placeholder');
      if (url.pathname.startsWith('/api/')) {
        await answerApiCall(
          req,
          res,
          url.pathname,
          () =>
            tokenMatches(req.headers['x-ledger-token'], token)
              ? null
              : { status: 403, envelope: { ok: false, error: { code: 'forbidden_sender', message: 'missing or wrong token' } } },
          (name, input) => session.dispatch(name, input),
        );
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'Method not allowed');
        return;
      }
      const file = resolveStaticPath(options.rendererDir, url.pathname);
      if (!file) {
        sendText(res, 404, 'Not found');
        return;
      }
      try {
        send(res, 200, await readFile(file), contentTypeOf(file));
      } catch {
        sendText(res, 404, 'Not found');
      }
    })().catch((error: unknown) => {
      console.error('[web-host] request failed', error);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, LOOPBACK, () => resolve());
    });
  } catch (error) {
    session.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const origin = `http://${LOOPBACK}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    get ledger() {
      return session.ledger;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          session.close();
          resolve();
        });
      }),
  };
}
