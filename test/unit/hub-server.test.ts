// The office hub over real HTTPS on 127.0.0.1 (docs/hub.md): signing in, the refusals of issue 15
// §3, roles, the real clerk in the audit log, the certificate kept across restarts.
import { connect } from 'node:net';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { insertPerson, tempDir } from '../helpers/ledger';
import { addAccount, api, hubRequest, login, startTestHub, type TestHub } from '../helpers/hub';
import { SESSION_IDLE_MS, SESSION_LIFETIME_MS } from '../../src/main/hub/accounts';
import { fingerprintOf } from '../../src/main/hub/certificate';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function hubWith(accounts: [string, 'admin' | 'clerk' | 'readonly'][] = [['boss', 'admin']]): Promise<TestHub> {
  const t = await startTestHub();
  cleanups.push(t.close);
  for (const [name, role] of accounts) await addAccount(t.hub, name, role);
  return t;
}

/** What a plain-HTTP client gets on the hub's port. */
function plainHttp(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET /hub/hello HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (text += c));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('the hub on the wire', () => {
  it('says hello over TLS with the certificate whose fingerprint it prints', async () => {
    const { hub } = await hubWith([]);
    const answer = await hubRequest(hub, '/hub/hello');
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ app: 'placement-ledger-hub', protocol: 1 });
    expect(hub.fingerprint).toMatch(/^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fingerprintOf(hub.certPem)).toBe(hub.fingerprint);
    expect(hub.addresses).toEqual([`127.0.0.1:${hub.port}`]);
  });

  it('answers plain HTTP on its port with a plain-text 400 and closes', async () => {
    const { hub } = await hubWith([]);
    const text = await plainHttp(hub.port);
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toContain('HTTPS only');
    expect(text).not.toContain('placement-ledger-hub');
  });

  it('refuses a Host that is not one of its names (421)', async () => {
    const { hub } = await hubWith([]);
    expect((await hubRequest(hub, '/hub/hello', { host: `evil.example:${hub.port}` })).status).toBe(421);
    expect((await hubRequest(hub, '/hub/hello', { host: '127.0.0.1:1' })).status).toBe(421);
    expect((await hubRequest(hub, '/hub/hello', { host: `localhost:${hub.port}` })).status).toBe(200);
  });

  it('refuses calls without a session, with a forged token, after logout and after expiry (401 session_expired)', async () => {
    const t = await hubWith([['kim', 'clerk']]);
    const { hub } = t;
    const none = await hubRequest(hub, '/api/getInfo', { body: {} });
    expect([none.status, none.json().error?.code]).toEqual([401, 'session_expired']);
    const forged = await api(hub, 'A'.repeat(43), 'getInfo');
    expect([forged.status, forged.json().error?.code]).toEqual([401, 'session_expired']);

    const token = await login(hub, 'kim');
    expect((await api(hub, token, 'getInfo')).json().ok).toBe(true);
    // Idle for 2 h: ended.
    t.clock.now += SESSION_IDLE_MS;
    expect((await api(hub, token, 'getInfo')).json().error?.code).toBe('session_expired');

    // Used every hour, it still ends 12 h after sign-in.
    const second = await login(hub, 'kim');
    for (let hours = 1; hours < 12; hours++) {
      t.clock.now += 60 * 60 * 1000;
      expect((await api(hub, second, 'getInfo')).json().ok).toBe(true);
    }
    t.clock.now += SESSION_LIFETIME_MS - 11 * 60 * 60 * 1000;
    expect((await api(hub, second, 'getInfo')).status).toBe(401);

    const third = await login(hub, 'kim');
    expect((await hubRequest(hub, '/hub/logout', { token: third, body: {} })).json()).toEqual({ ok: true, value: {} });
    expect((await api(hub, third, 'getInfo')).json().error?.code).toBe('session_expired');
    // Only the token's SHA-256 is kept.
    const stored = hub.ledger.db.prepare('SELECT token_hash FROM hub_sessions').pluck().all() as string[];
    for (const hash of stored) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('slows down wrong passwords from one address (429 login_throttled with its seconds)', async () => {
    const t = await hubWith([['kim', 'clerk']]);
    const { hub } = t;
    const attempt = (name: string, password: string) => hubRequest(hub, '/hub/login', { body: { name, password } });
    for (const name of ['kim', 'lee', 'park']) {
      const wrong = await attempt(name, 'not the password');
      expect([wrong.status, wrong.json().error?.code]).toEqual([401, 'login_failed']);
    }
    const held = await attempt('kim', 'kim-password');
    expect(held.status).toBe(429);
    expect(held.json().error).toMatchObject({ code: 'login_throttled', details: { seconds: 1 } });
    expect(held.headers['retry-after']).toBe('1');
    t.clock.now += 1000;
    expect((await attempt('kim', 'kim-password')).json()).toMatchObject({ ok: true, value: { clerk: 'kim', role: 'clerk' } });
  });

  it('signs in while another process writes: waits for its lock instead of failing', async () => {
    const { hub } = await hubWith([['kim', 'clerk']]);
    const other = new Database(hub.ledger.path);
    cleanups.push(() => void other.close());
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO settings (key, value) VALUES ('held', '1')").run();
    const signingIn = hubRequest(hub, '/hub/login', { body: { name: 'kim', password: 'kim-password' } });
    await new Promise((done) => setTimeout(done, 400));
    other.exec('COMMIT');
    const answer = await signingIn;
    expect(answer.json()).toMatchObject({ ok: true, value: { clerk: 'kim' } });
  });

  it('lets each role make only its calls (403 role_forbidden), and nobody remote the hub-PC ones', async () => {
    const { hub } = await hubWith([
      ['boss', 'admin'],
      ['kim', 'clerk'],
      ['ri', 'readonly'],
    ]);
    const personId = insertPerson(hub.ledger.db, { serviceNo: '123-45678', name: '김철수' });
    const reader = await login(hub, 'ri');
    expect((await api(hub, reader, 'gridQuery', { grid: 'persons', view: {}, start: 0, count: 10 })).json().ok).toBe(true);
    const refused = await api(hub, reader, 'gridUpdateCell', { grid: 'persons', id: personId, colId: 'name', value: '김영수' });
    expect(refused.status).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'role_forbidden', details: { role: 'readonly' } });
    expect(hub.ledger.db.prepare('SELECT name FROM persons WHERE id = ?').pluck().get(personId)).toBe('김철수');

    const clerk = await login(hub, 'kim');
    const users = await api(hub, clerk, 'listUsers');
    expect([users.status, users.json().error?.code]).toEqual([403, 'role_forbidden']);
    const admin = await login(hub, 'boss');
    expect((await api(hub, admin, 'listUsers')).json().value).toHaveLength(3);

    for (const token of [clerk, admin]) {
      const restore = await api(hub, token, 'restoreBackup', { name: 'x.sqlite' });
      expect([restore.status, restore.json().error?.code]).toEqual([403, 'hub_call_local_only']);
      const open = await api(hub, token, 'openLedgerFile', { path: '/tmp/other.sqlite', create: true });
      expect(open.json().error?.code).toBe('hub_call_local_only');
    }
  });

  it('refuses a body over 8 MiB (413) and answers an unknown call with its code', async () => {
    const { hub } = await hubWith([['kim', 'clerk']]);
    const token = await login(hub, 'kim');
    const big = await api(hub, token, 'getInfo', { padding: 'x'.repeat(8 * 1024 * 1024 + 10) });
    expect([big.status, big.json().error?.code]).toEqual([413, 'request_too_large']);
    const unknown = await api(hub, token, 'dropEverything');
    expect([unknown.status, unknown.json().error?.code]).toEqual([200, 'unknown_call']);
    expect((await hubRequest(hub, '/somewhere')).status).toBe(404);
  });

  it('records an edit made through the hub with the account as its clerk', async () => {
    const { hub } = await hubWith([['kim', 'clerk']]);
    const personId = insertPerson(hub.ledger.db, { serviceNo: '123-45678', name: '김철수' });
    const token = await login(hub, 'kim');
    const edit = await api(hub, token, 'gridUpdateCell', { grid: 'persons', id: personId, colId: 'name', value: '김영수' });
    expect(edit.json().ok).toBe(true);
    const operation = hub.ledger.db.prepare("SELECT clerk FROM operations WHERE kind = 'edit' ORDER BY id DESC LIMIT 1").get();
    expect(operation).toEqual({ clerk: 'kim' });
    const entries = hub.ledger.db.prepare("SELECT DISTINCT clerk FROM audit_log WHERE entity = 'person'").pluck().all();
    expect(entries).toEqual(['kim']);
    // A setting changed through the hub names the account too, not the hub PC's clerk.
    expect((await api(hub, token, 'updateSettings', { language: 'en' })).json().ok).toBe(true);
    expect(hub.ledger.db.prepare("SELECT clerk FROM operations WHERE kind = 'settings'").pluck().all()).toEqual(['kim']);
    expect((await api(hub, token, 'getInfo')).json().value).toMatchObject({ clerk: 'kim' });
    // The language is the account's own: the hub PC's stays as it was; the clerk's name is the account's.
    expect((await api(hub, token, 'getSettings')).json().value).toEqual({ language: 'en', clerkName: 'kim', clerkNameSet: true });
    expect(hub.ledger.db.prepare("SELECT key, value FROM settings WHERE key LIKE 'ui.language%'").all()).toEqual([
      { key: 'ui.language@kim', value: 'en' },
    ]);
    const renamed = (await api(hub, token, 'updateSettings', { clerkName: '남의 이름' })).json();
    expect(renamed).toMatchObject({ ok: false, error: { code: 'hub_call_local_only' } });
    expect(hub.ledger.db.prepare("SELECT count(*) FROM settings WHERE key = 'clerk.name'").pluck().get()).toBe(0);
  });

  it('keeps its certificate across restarts: the same fingerprint', async () => {
    const temp = tempDir('ledger-hub-');
    cleanups.push(temp.cleanup);
    const first = await startTestHub({ dir: temp.dir });
    const fingerprint = first.hub.fingerprint;
    await first.close();
    const second = await startTestHub({ dir: temp.dir });
    cleanups.push(second.close);
    expect(second.hub.fingerprint).toBe(fingerprint);
  });
});
