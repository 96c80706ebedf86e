// Settings → share this ledger (src/main/hub/handlers.ts): the app's own session served to the
// office, refused without an admin account or on a port in use, stopped with the session; the
// accounts calls as the clerk at the hub PC (its administrator) makes them.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession, type LedgerSession } from '../../src/main/api/session';
import { openLedger } from '../../src/main/ledger/open';
import type { HubStatus, UserEntry } from '../../src/shared/api/hub.contract';
import type { Result } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { api, hubRequest, insertAccount, login } from '../helpers/hub';
import { insertPerson, tempDir } from '../helpers/ledger';
import type { Hub } from '../../src/main/hub/server';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function appSession(): LedgerSession {
  const t = tempDir('ledger-share-');
  const session = createSession({ ledger: openLedger(`${t.dir}/ledger.sqlite`), appVersion: '9.9.9' });
  cleanups.push(t.cleanup, () => session.close());
  return session;
}

async function call<T>(session: LedgerSession, name: string, input: unknown = {}): Promise<Result<T>> {
  return (await session.dispatch(name, input)) as Result<T>;
}

/** A port free on every address now (the OS picks it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '0.0.0.0', done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return port;
}

/** The shared hub, as the tests' HTTPS helper reaches it on 127.0.0.1. */
function asHub(status: HubStatus, session: LedgerSession, certPem: string): Hub {
  const port = Number(status.addresses[0]!.split(':').pop());
  return {
    port,
    certPem,
    addresses: status.addresses,
    fingerprint: status.fingerprint!,
    ledger: session.ledger,
    signedIn: () => 0,
    close: async () => {},
  };
}

describe('sharing the app’s ledger', () => {
  it('is refused while no admin account exists, with a sentence that says to add one', async () => {
    const session = appSession();
    const refused = await call(session, 'startSharing', { port: await freePort() });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('hub_no_admin');
    expect(errorSentence(refused.error, 'ko')).toBe('관리자 계정이 없어 대장을 공유하지 않았습니다. 먼저 관리자 계정을 만드십시오.');
  });

  it('serves the session on the office network until stopped, as the signed-in account', async () => {
    const session = appSession();
    expect((await call(session, 'updateSettings', { clerkName: '허명숙' })).ok).toBe(true);
    // At the hub PC the clerk is its administrator: accounts are added there.
    const added = await call<UserEntry>(session, 'addUser', { name: 'boss', role: 'admin', password: 'boss-password' });
    expect(added).toMatchObject({ ok: true, value: { name: 'boss', role: 'admin' } });
    await insertAccount(session.ledger.db, 'kim', 'clerk');
    const who = session.ledger.db.prepare("SELECT clerk FROM operations WHERE description = 'account added'").pluck().all();
    expect(who).toEqual(['허명숙']);

    const port = await freePort();
    const shared = await call<HubStatus>(session, 'startSharing', { port });
    if (!shared.ok) throw new Error(JSON.stringify(shared.error));
    expect(shared.value).toMatchObject({ mode: 'sharing', clerk: '허명숙', role: 'admin', clerksSignedIn: 0 });
    expect(shared.value.fingerprint).toMatch(/^SHA256:/);
    expect(shared.value.addresses.every((a) => a.endsWith(`:${port}`))).toBe(true);

    const certPem = (await import('node:fs')).readFileSync(`${session.ledger.path}.hub/cert.pem`, 'utf8');
    const hub = asHub({ ...shared.value, addresses: [`127.0.0.1:${port}`] }, session, certPem);
    const token = await login(hub, 'kim');
    const remote = (await api(hub, token, 'getHubStatus')).json();
    expect(remote).toMatchObject({ ok: true, value: { mode: 'sharing', clerk: 'kim', role: 'clerk' } });
    expect((await call<HubStatus>(session, 'getHubStatus')).ok && (await call<HubStatus>(session, 'getHubStatus'))).toMatchObject({
      value: { clerksSignedIn: 1, clerk: '허명숙' },
    });

    // While shared, the clerk at the hub PC undoes their own edit, never a colleague's later one.
    const db = session.ledger.db;
    const mine = insertPerson(db, { serviceNo: '123-45678', name: '김철수' });
    const theirs = insertPerson(db, { serviceNo: '123-45679', name: '리영희' });
    const edit = (id: number, value: string) => ({ grid: 'persons', id, colId: 'unit', value });
    expect((await call(session, 'gridUpdateCell', edit(mine, '제1호 부대'))).ok).toBe(true);
    expect((await api(hub, token, 'gridUpdateCell', edit(theirs, '제2호 부대'))).json().ok).toBe(true);
    expect(await call(session, 'undo', {})).toMatchObject({ ok: true });
    const units = () => db.prepare('SELECT unit FROM persons ORDER BY id').pluck().all();
    expect(units()).toEqual([null, '제2호 부대']);
    expect(await call(session, 'undo', {})).toMatchObject({ ok: false, error: { code: 'nothing_to_undo' } });
    expect(units()).toEqual([null, '제2호 부대']);

    const stopped = await call<HubStatus>(session, 'stopSharing');
    expect(stopped).toMatchObject({ ok: true, value: { mode: 'local', addresses: [], fingerprint: null } });
    await expect(hubRequest(hub, '/hub/hello')).rejects.toThrow(/ECONNREFUSED/);

    // Shared again: the same certificate; closing the app's session stops it.
    const again = await call<HubStatus>(session, 'startSharing', { port });
    expect(again.ok && again.value.fingerprint).toBe(shared.value.fingerprint);
    expect((await hubRequest(hub, '/hub/hello')).status).toBe(200);
    session.close();
    await new Promise((done) => setTimeout(done, 200));
    await expect(hubRequest(hub, '/hub/hello')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('is refused with a sentence naming the port when another program uses it', async () => {
    const session = appSession();
    await insertAccount(session.ledger.db, 'boss', 'admin');
    const port = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((done) => squatter.listen(port, '0.0.0.0', done));
    cleanups.push(() => new Promise<void>((done) => squatter.close(() => done())));
    const refused = await call(session, 'startSharing', { port });
    if (refused.ok) throw new Error('shared on a port in use');
    expect(refused.error).toMatchObject({ code: 'hub_sharing_failed', details: { reason: 'port_in_use', port } });
    expect(errorSentence(refused.error, 'ko')).toBe(
      `대장을 사무실 망에 공유하지 못했습니다(포구 ${port}을(를) 다른 프로그람이 쓰고 있습니다). 다른 포구 번호로 다시 하십시오.`,
    );
    expect(await call<HubStatus>(session, 'getHubStatus')).toMatchObject({ ok: true, value: { mode: 'local' } });
  });

  it('manages accounts: a short password and the last admin are refused with their sentences', async () => {
    const session = appSession();
    const short = await call(session, 'addUser', { name: 'kim', role: 'clerk', password: 'short' });
    expect(short.ok || short.error.code).toBe('password_too_short');
    await insertAccount(session.ledger.db, 'boss', 'admin');
    const last = await call(session, 'setUserDisabled', { name: 'boss', disabled: true });
    expect(last.ok || errorSentence(last.error, 'en')).toBe('“boss” cannot be disabled: the ledger needs at least one administrator.');
    const unknown = await call(session, 'setUserPassword', { name: 'nobody', password: 'long enough' });
    expect(unknown.ok || unknown.error.code).toBe('user_not_found');
    expect(await call<UserEntry[]>(session, 'listUsers')).toMatchObject({
      ok: true,
      value: [{ name: 'boss', role: 'admin', disabled: false }],
    });
  });
});
