import { userInfo } from 'node:os';
import type Database from 'better-sqlite3';
import type { Settings } from '../../shared/contract';
import { LANGUAGES, type Language } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { beginOperation } from '../audit/operations';
import { requestClerk } from '../hub/request-clerk';
import { prepared } from '../util/statements';

const KEY_LANGUAGE = 'ui.language';
const KEY_CLERK = 'clerk.name';

let osUser: string | undefined;

/** The OS account name, looked up once. */
function osUserName(): string {
  if (osUser === undefined) {
    try {
      osUser = userInfo().username || 'clerk';
    } catch {
      osUser = 'clerk';
    }
  }
  return osUser;
}

function readSetting(db: Database.Database, key: string): string | null {
  const row = prepared(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/**
 * Where the display language is kept: the ledger's own, or — for a clerk working through the
 * office hub — their account's (`ui.language@NAME`), so one clerk's choice never changes the
 * language of the PC that shares the ledger or of their colleagues.
 */
function languageKey(): string {
  const account = requestClerk();
  return account ? `${KEY_LANGUAGE}@${account.name}` : KEY_LANGUAGE;
}

export function getSettings(db: Database.Database): Settings {
  const account = requestClerk();
  const language = readSetting(db, languageKey()) ?? (account ? readSetting(db, KEY_LANGUAGE) : null);
  return {
    language: (LANGUAGES as readonly string[]).includes(language ?? '') ? (language as Language) : null,
    // Through the hub the clerk is the account: their name is not asked for, and not the hub PC's.
    clerkName: account?.name ?? readSetting(db, KEY_CLERK) ?? osUserName(),
    clerkNameSet: account !== undefined || readSetting(db, KEY_CLERK) !== null,
  };
}

/**
 * The name recorded as who made each change: within a hub request, its account's name
 * (hub/request-clerk.ts); otherwise the clerk's name set in Settings, else the OS user.
 */
export function currentClerk(db: Database.Database): string {
  return requestClerk()?.name ?? readSetting(db, KEY_CLERK) ?? osUserName();
}

/** Saves the given settings in one transaction, each change in the audit log. */
export function updateSettings(db: Database.Database, patch: { language?: Language; clerkName?: string }): Settings {
  const before = getSettings(db);
  const account = requestClerk();
  if (account && patch.clerkName !== undefined && patch.clerkName !== account.name) {
    // The name an account's changes are recorded under is the account's own.
    throw new LedgerError('hub_call_local_only', 'the clerk name of an account is its name');
  }
  const changes: [string, string | null, string][] = [];
  if (patch.language !== undefined && patch.language !== before.language) {
    changes.push([languageKey(), readSetting(db, languageKey()), patch.language]);
  }
  if (!account && patch.clerkName !== undefined && patch.clerkName !== before.clerkName) {
    changes.push([KEY_CLERK, readSetting(db, KEY_CLERK), patch.clerkName]);
  }
  if (changes.length > 0) {
    db.transaction(() => {
      const operation = beginOperation(db, 'settings', requestClerk()?.name ?? patch.clerkName ?? before.clerkName, 'settings');
      const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      for (const [key, oldValue, newValue] of changes) {
        upsert.run(key, newValue);
        operation.record({ entity: 'setting', entityId: null, field: key, oldValue, newValue });
      }
    }).immediate();
  }
  return getSettings(db);
}
