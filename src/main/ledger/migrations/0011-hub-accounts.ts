import type { Migration } from '../migration-types';

// The office hub's accounts (issue 15, docs/hub.md "Wire protocol"):
// - users: one row per clerk who may sign in to the hub — name (unique, as typed), role, the
//   scrypt hash of the password (`scrypt$15$8$1$SALT$HASH`, never the password), disabled, when
//   made and when last signed in. Adding and disabling accounts is recorded in the audit log
//   (kind 'settings', never the hash);
// - hub_sessions: one row per sign-in — the SHA-256 of its token (the token itself is only ever
//   in the clerk's app), its account, when it began, when it ends at the latest (12 h) and when it
//   was last used (it ends 2 h after that). Rows of ended sessions are deleted as they are met.
export const migration0011: Migration = {
  version: 11,
  name: 'hub-accounts',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
        role          TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'readonly')),
        password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at    TEXT NOT NULL,
        last_login_at TEXT
      ) STRICT;

      CREATE TABLE hub_sessions (
        token_hash   TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
        user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at   TEXT NOT NULL,
        expires_at   TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX hub_sessions_user ON hub_sessions(user_id);
    `);
  },
};
