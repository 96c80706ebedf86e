import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../shared/errors';
import { createSession } from '../api/session';
import { appVersion } from '../app-version';
import { HubPins } from '../hub/pins';
import { userDataDir } from '../ledger/location';
import { openLedger, type Ledger, type OpenLedgerOptions } from '../ledger/open';
import { SECURITY_HEADERS } from '../security/csp';
import { contentTypeOf, resolveStaticPath } from '../security/static-files';

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

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const LOOPBACK = '127.0.0.1';

function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType });
  res.end(body);
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Result<unknown>): void {
  send(res, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
}

class BodyTooLarge extends Error {}

/** Drained past the limit, a body is read and dropped up to this size; beyond it the connection goes. */
const MAX_DRAIN_BYTES = 8 * MAX_BODY_BYTES;

/**
 * The request's body as text; over MAX_BODY_BYTES it rejects with BodyTooLarge as soon as the
 * limit is passed, and the rest is read and dropped, so the client gets its 413 answer instead of
 * a reset connection.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) {
        if (size > MAX_DRAIN_BYTES) req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The call's name from /api/NAME; null when its %-escapes are broken. */
function callName(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(5));
  } catch {
    return null;
  }
}

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
        send(res, 421, 'Misdirected request', 'text/plain; charset=utf-8');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://placeholder');
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') {
          send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
          return;
        }
        if (!tokenMatches(req.headers['x-ledger-token'], token)) {
          sendEnvelope(res, 403, {
            ok: false,
            error: { code: 'forbidden_sender', message: 'missing or wrong token' },
          });
          return;
        }
        const name = callName(url.pathname);
        if (name === null) {
          req.resume();
          sendEnvelope(res, 400, {
            ok: false,
            error: { code: 'request_malformed', message: `malformed %-escape in ${url.pathname}`, details: {} },
          });
          return;
        }
        let input: unknown;
        try {
          const contentLength = Number(req.headers['content-length']);
          if (Number.isFinite(contentLength) && contentLength > MAX_BODY_BYTES) {
            readBody(req).catch(() => undefined); // read and dropped (up to MAX_DRAIN_BYTES), so the answer arrives
            throw new BodyTooLarge();
          }
          const body = await readBody(req);
          input = body.trim() === '' ? {} : JSON.parse(body);
        } catch (error) {
          if (error instanceof BodyTooLarge) {
            res.setHeader('Connection', 'close');
            sendEnvelope(res, 413, {
              ok: false,
              error: {
                code: 'request_too_large',
                message: `request body over ${MAX_BODY_BYTES} bytes`,
                details: { limit: MAX_BODY_BYTES / (1024 * 1024) },
              },
            });
            return;
          }
          const reason = `request body: ${(error as Error).message}`;
          sendEnvelope(res, 400, { ok: false, error: { code: 'invalid_input', message: reason, details: { reason } } });
          return;
        }
        const envelope = await session.dispatch(name, input);
        sendEnvelope(res, 200, envelope);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
        return;
      }
      const file = resolveStaticPath(options.rendererDir, url.pathname);
      if (!file) {
        send(res, 404, 'Not found', 'text/plain; charset=utf-8');
        return;
      }
      try {
        send(res, 200, await readFile(file), contentTypeOf(file));
      } catch {
        send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      }
    })().catch((error: unknown) => {
      console.error('[web-host] request failed', error);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain; charset=utf-8');
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
