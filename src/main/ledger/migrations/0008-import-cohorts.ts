import type { Migration } from '../migration-types';

// An imported file records every term its rows went to (a JSON array of {year, term, rows},
// in calendar order), not only its main cohort: a decision file or a request workbook may hold rows
// of several terms, and the Import page's history names them all. Files imported before keep
// NULL (the history then names their main cohort, as before).
export const migration0008: Migration = {
  version: 8,
  name: 'import-cohorts',
  up(db) {
    db.exec(`ALTER TABLE decision_files ADD COLUMN cohorts TEXT CHECK (cohorts IS NULL OR json_valid(cohorts))`);
  },
};
