import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security/csp';
import { startWebHost, type WebHost } from '../../src/main/web/host';
import { tempDir } from '../helpers/ledger';
import { errorSentence } from '../../src/shared/i18n';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function host(): Promise<WebHost> {
  const t = tempDir('ledger-web-');
  cleanups.push(t.cleanup);
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>배치대장</title>');
  writeFileSync(join(t.dir, 'secret.txt'), 'secret');
  const h = await startWebHost({ dbPath: join(t.dir, 'ledger.sqlite'), rendererDir });
  cleanups.push(() => h.close());
  return h;
}

/** A raw HTTP request, so the Host header can be set freely. */
function raw(h: WebHost, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { port } = new URL(h.origin);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('the web host', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the per-run token in the fragment', async () => {
    const h = await host();
    expect(h.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.url).toBe(`${h.origin}/#token=${h.token}`);
    expect(h.token.length).toBeGreaterThanOrEqual(32);
    const other = await host();
    expect(other.token).not.toBe(h.token);
  });

  it('answers API calls with the token, through the same contract as the app', async () => {
    const h = await host();
    const res = await fetch(`${h.origin}/api/getInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ledger-token': h.token },
      body: '{}',
    });
    const envelope = (await res.json()) as { ok: boolean; value: { counts: { regions: number }; ledgerPath: string } };
    expect(envelope.ok).toBe(true);
    expect(envelope.value.counts.regions).toBe(212);
    expect(envelope.value.ledgerPath).toBe(h.ledger.path);
    const invalid = await fetch(`${h.origin}/api/updateSettings`, {
      method: 'POST',
      headers: { 'x-ledger-token': h.token },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const notJson = await fetch(`${h.origin}/api/getInfo`, { method: 'POST', headers: { 'x-ledger-token': h.token }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses API calls without the right token', async () => {
    const h = await host();
    const attempts: Record<string, string>[] = [
      {},
      { 'x-ledger-token': 'guess' },
      { 'x-ledger-token': h.token.slice(0, -1) + (h.token.endsWith('x') ? 'y' : 'x') },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${h.origin}/api/getInfo`, { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    const get = await fetch(`${h.origin}/api/getInfo`);
    expect(get.status).toBe(405);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const h = await host();
    const res = await raw(h, '/', { headers: { Host: 'evil.example:80' } });
    expect(res.status).toBe(421);
  });

  it('serves the UI with the CSP and never a file outside the renderer folder', async () => {
    const h = await host();
    const index = await raw(h, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.body).toContain('배치대장');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await raw(h, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });
});

describe('the web host at its edges', () => {
  it('a malformed %-escape in the call name is 400 with a sentence, not 500', async () => {
    const h = await host();
    const res = await raw(h, '/api/get%E0%A4%A', {
      method: 'POST',
      headers: { host: new URL(h.origin).host, 'x-ledger-token': h.token },
      body: '{}',
    });
    expect(res.status).toBe(400);
    const envelope = JSON.parse(res.body) as { ok: boolean; error: { code: string; message: string } };
    expect(envelope).toMatchObject({ ok: false, error: { code: 'request_malformed' } });
    expect(errorSentence(envelope.error as never, 'en')).toBe(
      'The request could not be read (its address or body is damaged). Reload the page and try again. Nothing was changed.',
    );
  });

  it('a body over the limit is answered 413 with a sentence instead of a reset connection (with and without Content-Length)', async () => {
    const h = await host();
    const big = JSON.stringify({ data: 'x'.repeat(9 * 1024 * 1024) });
    const res = await fetch(`${h.origin}/api/getInfo`, { method: 'POST', headers: { 'x-ledger-token': h.token }, body: big });
    expect(res.status).toBe(413);
    const envelope = (await res.json()) as { ok: boolean; error: { code: string } };
    expect(envelope).toMatchObject({ ok: false, error: { code: 'request_too_large' } });
    expect(errorSentence(envelope.error as never, 'ko')).toBe('보낸 자료가 너무 큽니다(한 번에 8 MB까지). 아무것도 바꾸지 않았습니다.');
    // Chunked (no Content-Length): the limit is found while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
        for (let i = 0; i < 10; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const chunked = await fetch(`${h.origin}/api/getInfo`, {
      method: 'POST',
      headers: { 'x-ledger-token': h.token },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // The host still answers.
    const info = await fetch(`${h.origin}/api/getInfo`, { method: 'POST', headers: { 'x-ledger-token': h.token }, body: '{}' });
    expect(((await info.json()) as { ok: boolean }).ok).toBe(true);
  });
});
