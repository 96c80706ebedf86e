import { registerPersonSearch, SEARCH_TERMS_FUNCTION } from '../../persons/search';
import type { Migration } from '../migration-types';

// Quick search finds a name or a service number by any part of it (persons/search.ts): an FTS5
// index of each person's search terms, kept by triggers. Contentless (the terms are made from
// the row, nothing is stored twice) with deletes allowed, so a changed or deleted person leaves
// no stale terms. The terms function is registered on every connection the app opens
// (ledger/sqlite.ts); a program without it cannot change a name or a service number, which is
// what we want of foreign tools anyway.
export const migration0006: Migration = {
  version: 6,
  name: 'person-search',
  up(db) {
    registerPersonSearch(db);
    db.exec(`
      CREATE VIRTUAL TABLE person_search USING fts5(
        terms, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
      );
      CREATE TRIGGER persons_search_insert AFTER INSERT ON persons BEGIN
        INSERT INTO person_search(rowid, terms) VALUES (new.id, ${SEARCH_TERMS_FUNCTION}(new.name, new.service_no));
      END;
      CREATE TRIGGER persons_search_update AFTER UPDATE OF name, service_no ON persons BEGIN
        DELETE FROM person_search WHERE rowid = old.id;
        INSERT INTO person_search(rowid, terms) VALUES (new.id, ${SEARCH_TERMS_FUNCTION}(new.name, new.service_no));
      END;
      CREATE TRIGGER persons_search_delete AFTER DELETE ON persons BEGIN
        DELETE FROM person_search WHERE rowid = old.id;
      END;
      INSERT INTO person_search(rowid, terms) SELECT id, ${SEARCH_TERMS_FUNCTION}(name, service_no) FROM persons;
    `);
  },
};
