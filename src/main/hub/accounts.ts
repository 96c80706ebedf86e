// The hub's accounts and sign-ins (docs/hub.md "Wire protocol", "Roles"): adding, listing,
// disabling and re-passwording accounts (each recorded in the audit log with the admin who did
// it, never the hash), signing in and out, checking a session's token on every call, and slowing
// down wrong passwords. Sessions live in hub_sessions (only the SHA-256 of a token), so they
// outlive a restart of the hub; failed sign-ins are counted in memory.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { MIN_PASSWORD_LENGTH, type Role, type UserEntry } from '../../shared/api/hub.contract';
import { LedgerError } from '../../shared/errors';
import { beginOperation } from '../audit/operations';
import { isBusy, retryWhileBusy } from '../ledger/busy';
import { prepared } from '../util/statements';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import type { RequestClerk } from './request-clerk';

/** A session ends this long after sign-in … */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** … or this long after its last call. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** last_seen_at is written at most this often per session (not on every call of a busy grid). */
const TOUCH_EVERY_MS = 60 * 1000;
/** From this many failures in a row, the next attempt waits 2^(n−3) s … */
const FREE_FAILURES = 3;
/** … at most this long. */
const LONGEST_WAIT_S = 60;
/** How long a sign-in may wait for another process's write (an import's) to end. */
const LOGIN_BUSY_WAIT_MS = 10_000;

/** Milliseconds since the epoch; tests pass their own. */
export type Clock = () => number;

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
  last_login_at: string | null;
}

const USER_COLUMNS = 'id, name, role, password_hash, disabled, created_at, last_login_at';

function entryOf(row: UserRow): UserEntry {
  return { name: row.name, role: row.role, disabled: row.disabled === 1, createdAt: row.created_at, lastLoginAt: row.last_login_at };
}

function findUser(db: Database.Database, name: string): UserRow | undefined {
  return prepared(db, `SELECT ${USER_COLUMNS} FROM users WHERE name = ?`).get(name) as UserRow | undefined;
}

function userOrThrow(db: Database.Database, name: string): UserRow {
  const row = findUser(db, name);
  if (!row) throw new LedgerError('user_not_found', `no account ${name}`, { name });
  return row;
}

function assertPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new LedgerError('password_too_short', `password under ${MIN_PASSWORD_LENGTH} characters`, { limit: MIN_PASSWORD_LENGTH });
  }
}

/** The name as stored: trimmed, in NFC (a name typed on two PCs must match). */
export function accountName(name: string): string {
  return name.normalize('NFC').trim();
}

export function listUsers(db: Database.Database): UserEntry[] {
  return (prepared(db, `SELECT ${USER_COLUMNS} FROM users ORDER BY name`).all() as UserRow[]).map(entryOf);
}

/** Whether an enabled admin account exists (sharing needs one). */
export function hasEnabledAdmin(db: Database.Database): boolean {
  return prepared(db, "SELECT 1 FROM users WHERE role = 'admin' AND disabled = 0 LIMIT 1").get() !== undefined;
}

/** One audit operation about an account: who did it (`actor`), which change, whose account. */
function recordAccountChange(db: Database.Database, actor: string, change: string, name: string, role?: Role): void {
  const operation = beginOperation(db, 'settings', actor, `account ${change}`);
  operation.record({ entity: 'setting', entityId: null, field: `account.${change}`, oldValue: null, newValue: name });
  if (role !== undefined) operation.record({ entity: 'setting', entityId: null, field: 'account.role', oldValue: null, newValue: role });
}

function endSessionsOf(db: Database.Database, userId: number): void {
  prepared(db, 'DELETE FROM hub_sessions WHERE user_id = ?').run(userId);
}

export async function addUser(
  db: Database.Database,
  actor: string,
  input: { name: string; role: Role; password: string },
  clock: Clock = Date.now,
): Promise<UserEntry> {
  const name = accountName(input.name);
  if (name === '') throw new LedgerError('invalid_input', 'an account needs a name', { reason: 'empty name' });
  assertPassword(input.password);
  if (findUser(db, name)) throw new LedgerError('user_exists', `account ${name} exists`, { name });
  const hash = await hashPassword(input.password);
  return db
    .transaction(() => {
      if (findUser(db, name)) throw new LedgerError('user_exists', `account ${name} exists`, { name });
      prepared(db, 'INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(
        name,
        input.role,
        hash,
        new Date(clock()).toISOString(),
      );
      recordAccountChange(db, actor, 'added', name, input.role);
      return entryOf(findUser(db, name)!);
    })
    .immediate();
}

/**
 * Disables (or enables again) an account. Disabling ends its sessions at once and is refused for
 * the last enabled admin: the ledger would have nobody left to manage its accounts.
 */
export function setUserDisabled(db: Database.Database, actor: string, rawName: string, disabled: boolean): UserEntry {
  const name = accountName(rawName);
  return db
    .transaction(() => {
      const user = userOrThrow(db, name);
      if ((user.disabled === 1) === disabled) return entryOf(user);
      if (disabled && user.role === 'admin') {
        const others = prepared(db, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?").pluck().get(user.id);
        if (others === 0) throw new LedgerError('user_last_admin', `${name} is the last enabled admin`, { name });
      }
      prepared(db, 'UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, user.id);
      if (disabled) endSessionsOf(db, user.id);
      recordAccountChange(db, actor, disabled ? 'disabled' : 'enabled', name);
      return entryOf(userOrThrow(db, name));
    })
    .immediate();
}

/** A new password; the account's sessions end (whoever knew the old one is signed out). */
export async function setUserPassword(db: Database.Database, actor: string, rawName: string, password: string): Promise<UserEntry> {
  const name = accountName(rawName);
  assertPassword(password);
  userOrThrow(db, name);
  const hash = await hashPassword(password);
  return db
    .transaction(() => {
      const user = userOrThrow(db, name);
      prepared(db, 'UPDATE users SET password_hash = ? WHERE id = ?').run(hash, user.id);
      endSessionsOf(db, user.id);
      recordAccountChange(db, actor, 'password', name);
      return entryOf(userOrThrow(db, name));
    })
    .immediate();
}

// ---- signing in ----------------------------------------------------------------------------

export interface SignIn {
  token: string;
  clerk: string;
  role: Role;
  expiresAt: string;
}

interface Failures {
  count: number;
  /** Until when (ms) the next attempt is refused. */
  until: number;
  last: number;
}

/**
 * Failed sign-ins in a row, per account and per remote address: from the 3rd, the next attempt
 * is refused for 2^(n−3) s (at most 60 s); a success resets both counts.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly clock: Clock = Date.now) {}

  /** Throws login_throttled (details.seconds) while either key is held back. */
  check(keys: readonly string[]): void {
    const now = this.clock();
    const until = Math.max(0, ...keys.map((k) => this.failures.get(k)?.until ?? 0));
    if (until > now) {
      const seconds = Math.ceil((until - now) / 1000);
      throw new LedgerError('login_throttled', `too many failed sign-ins: wait ${seconds} s`, { seconds });
    }
  }

  fail(keys: readonly string[]): void {
    const now = this.clock();
    if (this.failures.size > 10_000) this.prune(now);
    for (const key of keys) {
      const count = (this.failures.get(key)?.count ?? 0) + 1;
      const wait = count >= FREE_FAILURES ? Math.min(LONGEST_WAIT_S, 2 ** (count - FREE_FAILURES)) * 1000 : 0;
      this.failures.set(key, { count, until: now + wait, last: now });
    }
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  /** Forgets counts whose wait is long over (memory stays bounded under a flood of names). */
  private prune(now: number): void {
    for (const [key, f] of this.failures) if (f.until < now && now - f.last > 60 * 60 * 1000) this.failures.delete(key);
    if (this.failures.size > 10_000) this.failures.clear();
  }
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** A write that may meet another process's lock: tried again asynchronously (the main thread never sleeps). */
async function writeWhenUnlocked<T>(run: () => T): Promise<T> {
  try {
    return run();
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
  const outcome = await retryWhileBusy(run, Date.now() + LOGIN_BUSY_WAIT_MS);
  if (!outcome.ok) throw outcome.error;
  return outcome.value as T;
}

/** A write of bookkeeping only (a session's last call): skipped when the ledger is locked. */
function writeIfUnlocked(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
}

/**
 * Sign-in, sign-out and the check of a token, on the ledger `db()` answers (the hub's session may
 * switch to a restored copy of the ledger: always the current one).
 */
export class HubSessions {
  readonly throttle: LoginThrottle;
  /** One password check at a time per account: parallel guesses meet the throttle one by one. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: () => Database.Database,
    private readonly clock: Clock = Date.now,
  ) {
    this.throttle = new LoginThrottle(clock);
  }

  /** Signs in; throws login_throttled, login_failed or account_disabled. */
  login(rawName: string, password: string, remoteAddress: string): Promise<SignIn> {
    const name = accountName(rawName);
    const key = `account:${name}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const attempt = previous.catch(() => undefined).then(() => this.loginNow(name, password, [key, `address:${remoteAddress}`]));
    this.queues.set(key, attempt);
    const forget = () => {
      if (this.queues.get(key) === attempt) this.queues.delete(key);
    };
    attempt.then(forget, forget);
    return attempt;
  }

  private async loginNow(name: string, password: string, keys: string[]): Promise<SignIn> {
    this.throttle.check(keys);
    const user = name === '' ? undefined : findUser(this.db(), name);
    const matches = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
    if (!user || !matches) {
      this.throttle.fail(keys);
      throw new LedgerError('login_failed', 'wrong name or password');
    }
    // Read again: the account may have been disabled while the password was being checked.
    const current = findUser(this.db(), name);
    if (!current || current.disabled === 1) throw new LedgerError('account_disabled', `account ${name} is disabled`, { name });
    this.throttle.succeed(keys);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const at = new Date(now).toISOString();
    const expiresAt = new Date(now + SESSION_LIFETIME_MS).toISOString();
    await writeWhenUnlocked(() =>
      this.db()
        .transaction(() => {
          this.deleteEnded(now);
          prepared(
            this.db(),
            'INSERT INTO hub_sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
          ).run(sha256(token), current.id, at, expiresAt, at);
          prepared(this.db(), 'UPDATE users SET last_login_at = ? WHERE id = ?').run(at, current.id);
        })
        .immediate(),
    );
    return { token, clerk: current.name, role: current.role, expiresAt };
  }

  /** The account a token belongs to, or null: unknown, forged, expired, idle too long, or its account disabled. */
  authenticate(token: string | undefined): RequestClerk | null {
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
    const hash = sha256(token);
    const row = prepared(
      this.db(),
      `SELECT s.expires_at, s.last_seen_at, u.name, u.role, u.disabled
         FROM hub_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    ).get(hash) as { expires_at: string; last_seen_at: string; name: string; role: Role; disabled: number } | undefined;
    if (!row) return null;
    const now = this.clock();
    const lastSeen = Date.parse(row.last_seen_at);
    if (row.disabled === 1 || now >= Date.parse(row.expires_at) || now - lastSeen >= SESSION_IDLE_MS) {
      writeIfUnlocked(() => prepared(this.db(), 'DELETE FROM hub_sessions WHERE token_hash = ?').run(hash));
      return null;
    }
    if (now - lastSeen >= TOUCH_EVERY_MS) {
      writeIfUnlocked(() =>
        prepared(this.db(), 'UPDATE hub_sessions SET last_seen_at = ? WHERE token_hash = ?').run(new Date(now).toISOString(), hash),
      );
    }
    return { name: row.name, role: row.role };
  }

  /** Ends the session of `token` (nothing when there is none). */
  logout(token: string): Promise<void> {
    return writeWhenUnlocked(() => {
      prepared(this.db(), 'DELETE FROM hub_sessions WHERE token_hash = ?').run(sha256(token));
    });
  }

  /** How many accounts have a live session now. */
  signedIn(): number {
    const now = this.clock();
    return prepared(this.db(), 'SELECT count(DISTINCT user_id) FROM hub_sessions WHERE expires_at > ? AND last_seen_at > ?')
      .pluck()
      .get(new Date(now).toISOString(), new Date(now - SESSION_IDLE_MS).toISOString()) as number;
  }

  private deleteEnded(now: number): void {
    prepared(this.db(), 'DELETE FROM hub_sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(
      new Date(now).toISOString(),
      new Date(now - SESSION_IDLE_MS).toISOString(),
    );
  }
}
