// A hub on 127.0.0.1 for tests: real HTTPS, a real ledger in a temp folder, accounts made directly.
import { request } from 'node:https';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { hashPassword } from '../../src/main/hub/passwords';
import { startHub, type Hub, type HubOptions } from '../../src/main/hub/server';
import type { Role } from '../../src/shared/api/hub.contract';
import { tempDir } from './ledger';

export interface TestHub {
  hub: Hub;
  dir: string;
  /** The clock the hub reads (ms); move it to expire sessions or throttles. */
  clock: { now: number };
  close(): Promise<void>;
}

export async function startTestHub(options: Partial<HubOptions> & { dir?: string } = {}): Promise<TestHub> {
  const temp = options.dir ? null : tempDir('ledger-hub-');
  const dir = options.dir ?? temp!.dir;
  const clock = { now: Date.now() };
  const hub = await startHub({
    dbPath: join(dir, 'ledger.sqlite'),
    listen: { host: '127.0.0.1', port: 0 },
    clock: () => clock.now,
    ...options,
  });
  return {
    hub,
    dir,
    clock,
    close: async () => {
      await hub.close();
      temp?.cleanup();
    },
  };
}

/**
 * An account written straight into the ledger, its scrypt at a lower cost (2^10): tests sign in
 * hundreds of times. Adding through accounts.ts, at the real cost, is tested in hub-accounts.
 */
export async function insertAccount(db: Database.Database, name: string, role: Role, password = `${name}-password`): Promise<void> {
  db.prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(
    name,
    role,
    await hashPassword(password, 10),
    new Date().toISOString(),
  );
}

export async function addAccount(hub: Hub, name: string, role: Role, password = `${name}-password`): Promise<void> {
  await insertAccount(hub.ledger.db, name, role, password);
}

export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  text: string;
  json(): { ok: boolean; value?: unknown; error?: { code: string; details?: Record<string, unknown> } };
}

/** One HTTPS request to the hub, trusting exactly its certificate; the Host header can be set freely. */
export function hubRequest(
  hub: Hub,
  path: string,
  init: { method?: string; token?: string; body?: unknown; host?: string } = {},
): Promise<Answer> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const headers: Record<string, string> = { host: init.host ?? `127.0.0.1:${hub.port}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: hub.port,
        path,
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        ca: hub.certPem,
        checkServerIdentity: () => undefined,
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function login(hub: Hub, name: string, password = `${name}-password`): Promise<string> {
  const answer = await hubRequest(hub, '/hub/login', { body: { name, password } });
  const envelope = answer.json();
  if (!envelope.ok) throw new Error(`login ${name}: ${answer.text}`);
  return (envelope.value as { token: string }).token;
}

export async function api(hub: Hub, token: string, name: string, input: unknown = {}): Promise<Answer> {
  return hubRequest(hub, `/api/${name}`, { token, body: input });
}
