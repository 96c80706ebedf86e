// The hub's accounts (src/main/hub/accounts.ts) on a real ledger: password hashes, adding,
// disabling, the last admin, sessions and their expiry, slowing down wrong passwords.
import { afterEach, describe, expect, it } from 'vitest';
import {
  addUser,
  HubSessions,
  listUsers,
  LoginThrottle,
  SESSION_IDLE_MS,
  setUserDisabled,
  setUserPassword,
} from '../../src/main/hub/accounts';
import { hashPassword, verifyPassword } from '../../src/main/hub/passwords';
import { LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { insertAccount } from '../helpers/hub';
import { tempDir, tempLedger } from '../helpers/ledger';
import { openLedger } from '../../src/main/ledger/open';
import { checkLedger } from '../../src/main/check/check';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function ledger() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  return t.ledger.db;
}

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<LedgerError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('migration 0011-hub-accounts', () => {
  it('adds users and hub_sessions to a ledger at level 10, each value checked; the check stays clean', async () => {
    const t = tempDir('ledger-0011-');
    cleanups.push(t.cleanup);
    const path = `${t.dir}/ledger.sqlite`;
    openLedger(path, { targetVersion: 10 }).close();
    const ledger = openLedger(path, { targetVersion: 11 });
    cleanups.push(() => ledger.close());
    const { db } = ledger;
    const user = (name: string, role: string, hash = 'scrypt$x') =>
      db.prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(name, role, hash, 'now');
    user('kim', 'clerk');
    expect(() => user('kim', 'admin')).toThrow(/UNIQUE/);
    expect(() => user('ri', 'boss')).toThrow(/CHECK/);
    expect(() => user('ri', 'clerk', 'plain text')).toThrow(/CHECK/);
    expect(() => user('', 'clerk')).toThrow(/CHECK/);
    const session = (hash: string, userId: number) =>
      db
        .prepare("INSERT INTO hub_sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, 'a', 'b', 'c')")
        .run(hash, userId);
    session('f'.repeat(64), 1);
    expect(() => session('short', 1)).toThrow(/CHECK/);
    expect(() => session('e'.repeat(64), 99)).toThrow(/FOREIGN KEY/);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
  });
});

describe('passwords', () => {
  it('are stored as scrypt$15$8$1$SALT$HASH with a fresh salt, and checked', async () => {
    const a = await hashPassword('비밀번호-12345');
    const b = await hashPassword('비밀번호-12345');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('비밀번호-12345', a)).toBe(true);
    expect(await verifyPassword('비밀번호-12346', a)).toBe(false);
    expect(await verifyPassword('비밀번호-12345', 'scrypt$15$8$1$$')).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});

describe('accounts', () => {
  it('adds, lists, refuses a second of the same name or a short password, and audits without the hash', async () => {
    const db = ledger();
    const entry = await addUser(db, '관리자', { name: ' 김철 ', role: 'clerk', password: 'long enough' });
    expect(entry).toMatchObject({ name: '김철', role: 'clerk', disabled: false, lastLoginAt: null });
    expect(listUsers(db).map((u) => u.name)).toEqual(['김철']);
    const exists = await refusal(addUser(db, '관리자', { name: '김철', role: 'admin', password: 'long enough' }));
    expect([exists.code, exists.details]).toEqual(['user_exists', { name: '김철' }]);
    const short = await refusal(addUser(db, '관리자', { name: '리', role: 'clerk', password: 'short' }));
    expect([short.code, short.details]).toEqual(['password_too_short', { limit: 8 }]);
    expect(errorSentence(short.toData(), 'ko')).toBe('암호는 8자 이상이여야 합니다.');

    const audit = db
      .prepare('SELECT o.kind, a.clerk, a.field, a.old_value, a.new_value FROM audit_log a JOIN operations o ON o.id = a.operation_id')
      .all();
    expect(audit).toEqual([
      { kind: 'settings', clerk: '관리자', field: 'account.added', old_value: null, new_value: '김철' },
      { kind: 'settings', clerk: '관리자', field: 'account.role', old_value: null, new_value: 'clerk' },
    ]);
    const hash = db.prepare('SELECT password_hash FROM users').pluck().get() as string;
    expect(JSON.stringify(db.prepare('SELECT * FROM audit_log').all())).not.toContain(hash.split('$')[5]!);
  });

  it('never disables the last enabled admin', async () => {
    const db = ledger();
    await insertAccount(db, 'boss', 'admin', 'password1');
    await insertAccount(db, 'kim', 'clerk', 'password1');
    const last = await refusal(() => setUserDisabled(db, 'boss', 'boss', true));
    expect([last.code, last.details]).toEqual(['user_last_admin', { name: 'boss' }]);
    await insertAccount(db, 'second', 'admin', 'password1');
    expect(setUserDisabled(db, 'second', 'boss', true).disabled).toBe(true);
    expect((await refusal(() => setUserDisabled(db, 'second', 'second', true))).code).toBe('user_last_admin');
    expect(setUserDisabled(db, 'second', 'boss', false).disabled).toBe(false);
    expect((await refusal(() => setUserDisabled(db, 'x', 'nobody', true))).code).toBe('user_not_found');
    const fields = db.prepare("SELECT field || ' ' || new_value FROM audit_log WHERE field LIKE 'account.%abled'").pluck().all();
    expect(fields).toEqual(['account.disabled boss', 'account.enabled boss']);
  });
});

describe('sessions', () => {
  it('sign in with the right password only; disabling or a new password ends the account’s sessions', async () => {
    const db = ledger();
    await insertAccount(db, 'boss', 'admin', 'password1');
    await insertAccount(db, 'kim', 'clerk', 'password1');
    const sessions = new HubSessions(() => db);
    expect((await refusal(sessions.login('kim', 'password2', '10.0.0.2'))).code).toBe('login_failed');
    expect((await refusal(sessions.login('nobody', 'password1', '10.0.0.2'))).code).toBe('login_failed');
    const signIn = await sessions.login('kim', 'password1', '10.0.0.2');
    expect(signIn).toMatchObject({ clerk: 'kim', role: 'clerk' });
    expect(Buffer.from(signIn.token, 'base64url')).toHaveLength(32);
    expect(sessions.authenticate(signIn.token)).toEqual({ name: 'kim', role: 'clerk' });
    expect(sessions.signedIn()).toBe(1);
    expect(listUsers(db).find((u) => u.name === 'kim')?.lastLoginAt).not.toBeNull();

    setUserDisabled(db, 'boss', 'kim', true);
    expect(db.prepare('SELECT count(*) FROM hub_sessions').pluck().get()).toBe(0);
    expect(sessions.authenticate(signIn.token)).toBeNull();
    const disabled = await refusal(sessions.login('kim', 'password1', '10.0.0.2'));
    expect([disabled.code, disabled.details]).toEqual(['account_disabled', { name: 'kim' }]);
    setUserDisabled(db, 'boss', 'kim', false);

    const again = await sessions.login('kim', 'password1', '10.0.0.2');
    await setUserPassword(db, 'boss', 'kim', 'password2');
    expect(sessions.authenticate(again.token)).toBeNull();
    expect((await refusal(sessions.login('kim', 'password1', '10.0.0.2'))).code).toBe('login_failed');
    expect((await sessions.login('kim', 'password2', '10.0.0.2')).clerk).toBe('kim');
  });

  it('end after 2 h without a call, by an injected clock', async () => {
    const db = ledger();
    await insertAccount(db, 'kim', 'clerk', 'password1');
    let now = Date.parse('2027-03-01T09:00:00Z');
    const sessions = new HubSessions(
      () => db,
      () => now,
    );
    const { token } = await sessions.login('kim', 'password1', '10.0.0.2');
    now += SESSION_IDLE_MS - 1000;
    expect(sessions.authenticate(token)).not.toBeNull();
    now += SESSION_IDLE_MS - 1000;
    expect(sessions.authenticate(token)).not.toBeNull();
    now += SESSION_IDLE_MS;
    expect(sessions.authenticate(token)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM hub_sessions').pluck().get()).toBe(0);
  });
});

describe('failed sign-ins', () => {
  it('from the 3rd in a row wait 2^(n−3) s, at most 60 s; a success resets', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    const keys = ['account:kim', 'address:10.0.0.2'];
    throttle.fail(keys);
    throttle.fail(keys);
    throttle.check(keys);
    const waits: number[] = [];
    for (let n = 3; n <= 10; n++) {
      throttle.fail(keys);
      try {
        throttle.check(keys);
        waits.push(0);
      } catch (error) {
        expect((error as LedgerError).code).toBe('login_throttled');
        waits.push((error as LedgerError).details!.seconds as number);
      }
      now += 120_000;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    throttle.succeed(keys);
    throttle.fail(keys);
    throttle.check(keys);
  });

  it('slow down guesses at one account from any address, and from one address at any account', async () => {
    const db = ledger();
    await insertAccount(db, 'kim', 'clerk', 'password1');
    await insertAccount(db, 'ri', 'clerk', 'password1');
    let now = Date.parse('2027-03-01T09:00:00Z');
    const sessions = new HubSessions(
      () => db,
      () => now,
    );
    // Parallel guesses meet the throttle one after another.
    const guesses = await Promise.allSettled(
      ['a', 'b', 'c', 'd', 'e'].map((g, i) => sessions.login('kim', `wrong-${g}`, `10.0.0.${i + 10}`)),
    );
    const codes = guesses.map((g) => (g.status === 'rejected' ? (g.reason as LedgerError).code : 'ok'));
    expect(codes).toEqual(['login_failed', 'login_failed', 'login_failed', 'login_throttled', 'login_throttled']);
    // The right password waits too, until the time has passed.
    const held = await refusal(sessions.login('kim', 'password1', '10.0.0.99'));
    expect([held.code, held.details]).toEqual(['login_throttled', { seconds: 1 }]);
    expect(errorSentence(held.toData(), 'ko')).toBe('암호를 여러 번 틀렸습니다. 1초 뒤에 다시 하십시오.');
    now += 1000;
    expect((await sessions.login('kim', 'password1', '10.0.0.99')).clerk).toBe('kim');

    for (const name of ['x1', 'x2', 'x3']) await refusal(sessions.login(name, 'guess', '10.0.0.50'));
    expect((await refusal(sessions.login('ri', 'password1', '10.0.0.50'))).code).toBe('login_throttled');
    expect((await sessions.login('ri', 'password1', '10.0.0.51')).clerk).toBe('ri');
  });
});
