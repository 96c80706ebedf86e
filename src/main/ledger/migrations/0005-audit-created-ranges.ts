import type { Migration } from '../migration-types';

// Rows created in bulk are audited as ranges of ids (field '+*', see audit/operations.ts): an
// import of a million persons writes a handful of entries instead of two million. History finds
// the range that holds a person through this small partial index (only '+*' entries are in it).
export const migration0005: Migration = {
  version: 5,
  name: 'audit-created-ranges',
  up(db) {
    db.exec(`CREATE INDEX audit_log_created_ranges ON audit_log(entity, entity_id) WHERE field = '+*';`);
  },
};
