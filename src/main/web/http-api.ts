// What the web host (host.ts) and the office hub (hub/server.ts) answer alike: API calls as
// POST /api/NAME with a JSON body (at most 8 MiB) answered with the call's Result envelope, and
// the plain answers around them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../shared/errors';
import { SECURITY_HEADERS } from '../security/csp';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, text, 'text/plain; charset=utf-8');
}

export function sendEnvelope(res: ServerResponse, status: number, envelope: Result<unknown>): void {
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

/**
 * The JSON body of a request ({} when empty). On a body over the limit (413) or one that is not
 * JSON (400) the request is answered here and `undefined` returned.
 */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse): Promise<{ input: unknown } | undefined> {
  try {
    const contentLength = Number(req.headers['content-length']);
    if (Number.isFinite(contentLength) && contentLength > MAX_BODY_BYTES) {
      readBody(req).catch(() => undefined); // read and dropped (up to MAX_DRAIN_BYTES), so the answer arrives
      throw new BodyTooLarge();
    }
    const body = await readBody(req);
    return { input: body.trim() === '' ? {} : JSON.parse(body) };
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
      return undefined;
    }
    const reason = `request body: ${(error as Error).message}`;
    sendEnvelope(res, 400, { ok: false, error: { code: 'invalid_input', message: reason, details: { reason } } });
    return undefined;
  }
}

/** What a host answers for one call: the envelope, and the HTTP status (200 unless said). */
export type CallAnswer = Result<unknown> | { status: number; envelope: Result<unknown> };

/**
 * POST /api/NAME: `admit` may refuse the call before its body is read (a wrong token, a role
 * that may not make it; `name` is null when its %-escapes are broken); otherwise the body is
 * read and `run` answers with the call's envelope.
 */
export async function answerApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  admit: (name: string | null) => CallAnswer | null,
  run: (name: string, input: unknown) => CallAnswer | Promise<CallAnswer>,
): Promise<void> {
  if (req.method !== 'POST') {
    sendText(res, 405, 'Method not allowed');
    return;
  }
  const name = callName(pathname);
  const refused = admit(name);
  if (refused !== null) {
    sendAnswer(res, refused);
    return;
  }
  if (name === null) {
    req.resume();
    sendEnvelope(res, 400, {
      ok: false,
      error: { code: 'request_malformed', message: `malformed %-escape in ${pathname}`, details: {} },
    });
    return;
  }
  const body = await readJsonBody(req, res);
  if (body === undefined) return;
  sendAnswer(res, await run(name, body.input));
}

export function sendAnswer(res: ServerResponse, answer: CallAnswer): void {
  if ('envelope' in answer) sendEnvelope(res, answer.status, answer.envelope);
  else sendEnvelope(res, 200, answer);
}
