import type { Migration } from '../migration-types';

// Header mappings the clerk corrected in the import wizard, remembered for the next file with the
// same headers (the signature is a hash of the kind and the normalized header texts).
export const migration0004: Migration = {
  version: 4,
  name: 'import-mappings',
  up(db) {
    db.exec(`
      CREATE TABLE import_header_mappings (
        signature  TEXT PRIMARY KEY CHECK (length(signature) BETWEEN 8 AND 64),
        kind       TEXT NOT NULL CHECK (kind IN ('decision', 'requests')),
        headers    TEXT NOT NULL CHECK (json_valid(headers)),
        mapping    TEXT NOT NULL CHECK (json_valid(mapping)),
        clerk      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        uses       INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0)
      ) STRICT;
    `);
  },
};
