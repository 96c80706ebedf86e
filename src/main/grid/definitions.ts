// How each grid reads from SQL: the table, the expression of every column, how it sorts, and
// what quick search means. Column keys are those of src/shared/grids.ts.
import type { GridId } from '../../shared/grids';
import type { AuditEntity } from '../domain/entities';
import { arrivedSql, seatsTakenSql } from '../domain/placements';
import { personSearchQuery } from '../persons/search';
import { HISTORY_MISSING } from '../../shared/grid-display';

export interface ColumnSql {
  /** The value as it appears in a row. */
  select: string;
  /** ORDER BY expression (default: select). */
  sort?: string;
  /**
   * How a filter on this column is written: 'value' compares `select`; 'region' matches a region
   * (code, Korean or romanized name); 'cohort' matches "2027 봄"; 'label' matches the stored
   * code through the Korean/English labels of its option list.
   */
  filterAs?: 'value' | 'region' | 'cohort' | 'label';
  /** For 'region' filters: the expression holding the region id (or code, see regionBy). */
  regionExpr?: string;
  regionBy?: 'id' | 'code' | 'name';
  /** For 'label' filters: the i18n option list the codes belong to. */
  labelList?: 'sex' | 'term' | 'sector' | 'placementStatus' | 'requestStatus' | 'operation' | 'entity';
}

export interface GridSql {
  /** The row's table, for edits; null for read-only grids. */
  table: string | null;
  entity: AuditEntity | null;
  alias: string;
  /** FROM clause with the one-to-one joins that columns, filters and sorts may use. */
  from: string;
  columns: Record<string, ColumnSql>;
  /** The tiebreaker and default order: the row id. */
  idOrder: 'ASC' | 'DESC';
  /** Quick search: SQL + params for the typed text, or null when it cannot match. */
  search(text: string): { sql: string; params: unknown[] } | null;
  /**
   * Where quick search has an index of its own whose rowids are the grid's row ids (persons):
   * a view with only a search, in id order, pages and counts in the index alone.
   */
  searchIndex?: { table: string; query(text: string): string | null };
}

const latestPlacement = (p: string) => `(SELECT pl.id FROM placements pl WHERE pl.person_id = ${p}.id ORDER BY pl.cohort_id DESC LIMIT 1)`;

/** Persons whose name or service number holds the typed text anywhere (persons/search.ts). */
function personSearch(alias: string, text: string): { sql: string; params: unknown[] } | null {
  const match = personSearchQuery(text);
  if (match === null) return null;
  return { sql: `${alias}.id IN (SELECT rowid FROM person_search WHERE person_search MATCH ?)`, params: [match] };
}

/**
 * An audited value as the clerk can read it: a field that holds another record's id is given as
 * that record — a city/county by its code (named in the clerk's language on screen), a request by
 * its workplace, a cohort as "<year> <term>", a decision file by its name, a person by service
 * number and name — or HISTORY_MISSING when that record is gone. Never the id itself.
 */
function historyValue(value: string): string {
  const lookup = (sql: string) => `COALESCE((${sql} = CAST(${value} AS INTEGER)), '${HISTORY_MISSING}')`;
  return `CASE WHEN ${value} IS NULL OR a.field IN ('+', '-', '+*', '-*') THEN ${value}
    WHEN a.field IN ('dest_county_id', 'county_id') THEN ${lookup('SELECT r.code FROM regions r WHERE r.id')}
    WHEN a.field = 'request_id' THEN ${lookup('SELECT q.workplace FROM county_requests q WHERE q.id')}
    WHEN a.field = 'cohort_id' THEN ${lookup("SELECT c.year || ' ' || c.term FROM cohorts c WHERE c.id")}
    WHEN a.field = 'decision_file_id' THEN ${lookup('SELECT d.file_name FROM decision_files d WHERE d.id')}
    WHEN a.field = 'person_id' THEN ${lookup("SELECT p.service_no || ' ' || p.name FROM persons p WHERE p.id")}
    ELSE ${value} END`;
}

export const GRID_SQL: Record<GridId, GridSql> = {
  persons: {
    table: 'persons',
    entity: 'person',
    alias: 'p',
    from: 'persons p',
    idOrder: 'ASC',
    columns: {
      service_no: { select: 'p.service_no' },
      name: { select: 'p.name', sort: 'p.name_sort_key' },
      sex: { select: 'p.sex', filterAs: 'label', labelList: 'sex' },
      birth_date: { select: 'p.birth_date' },
      home_province: { select: 'p.home_province', filterAs: 'region', regionExpr: 'p.home_province', regionBy: 'code' },
      home_county: { select: 'p.home_county' },
      unit: { select: 'p.unit' },
      rank: { select: 'p.rank' },
      discharge_date: { select: 'p.discharge_date' },
      cohort: { select: 'p.cohort_id', filterAs: 'cohort' },
      skill: { select: 'p.skill' },
      education: { select: 'p.education' },
      notes: { select: 'p.notes' },
      dest_county: {
        // The code: the grid names it in the clerk's language (grid-display.ts); sorted by its Korean name.
        select: `(SELECT r.code FROM placements pl JOIN regions r ON r.id = pl.dest_county_id WHERE pl.id = ${latestPlacement('p')})`,
        sort: `(SELECT r.name_ko FROM placements pl JOIN regions r ON r.id = pl.dest_county_id WHERE pl.id = ${latestPlacement('p')})`,
        filterAs: 'region',
        regionExpr: 'p.id IN (SELECT pl.person_id FROM placements pl WHERE pl.dest_county_id IN (#REGIONS#))',
        regionBy: 'id',
      },
      workplace: {
        select: `(SELECT q.workplace FROM placements pl JOIN county_requests q ON q.id = pl.request_id WHERE pl.id = ${latestPlacement('p')})`,
      },
      placement_status: {
        select: `(SELECT pl.status FROM placements pl WHERE pl.id = ${latestPlacement('p')})`,
        filterAs: 'label',
        labelList: 'placementStatus',
      },
    },
    search: (text) => personSearch('p', text),
    searchIndex: { table: 'person_search', query: personSearchQuery },
  },
  cohorts: {
    table: 'cohorts',
    entity: 'cohort',
    alias: 'c',
    from: 'cohorts c',
    idOrder: 'ASC',
    columns: {
      year: { select: 'c.year' },
      term: {
        select: 'c.term',
        sort: "CASE c.term WHEN 'spring' THEN 1 WHEN 'summer' THEN 2 ELSE 3 END",
        filterAs: 'label',
        labelList: 'term',
      },
      notes: { select: 'c.notes' },
      persons: { select: '(SELECT count(*) FROM persons p WHERE p.cohort_id = c.id)' },
      placements: { select: '(SELECT count(*) FROM placements pl WHERE pl.cohort_id = c.id)' },
      requests: { select: '(SELECT count(*) FROM county_requests q WHERE q.cohort_id = c.id)' },
    },
    search: (text) => (/^\d{1,4}$/.test(text) ? { sql: 'CAST(c.year AS TEXT) LIKE ?', params: [`${text}%`] } : null),
  },
  requests: {
    table: 'county_requests',
    entity: 'county_request',
    alias: 'q',
    from: 'county_requests q JOIN regions r ON r.id = q.county_id JOIN regions pr ON pr.id = r.parent_id JOIN cohorts c ON c.id = q.cohort_id',
    idOrder: 'ASC',
    columns: {
      cohort: {
        select: 'q.cohort_id',
        sort: "c.year * 10 + CASE c.term WHEN 'spring' THEN 1 WHEN 'summer' THEN 2 ELSE 3 END",
        filterAs: 'cohort',
      },
      province: { select: 'pr.code', sort: 'pr.id', filterAs: 'region', regionExpr: 'pr.id', regionBy: 'id' },
      county: { select: 'r.code', sort: 'r.name_ko', filterAs: 'region', regionExpr: 'r.id', regionBy: 'id' },
      workplace: { select: 'q.workplace' },
      sector: { select: 'q.sector', filterAs: 'label', labelList: 'sector' },
      headcount: { select: 'q.headcount' },
      // Persons given this workplace, and of them those arrived (not the Bureau's decision: that is
      // per city/county and sector, figures/term-figures.ts).
      assigned: { select: seatsTakenSql('q') },
      arrived: { select: arrivedSql('q') },
      remaining: { select: `q.headcount - ${seatsTakenSql('q')}` },
      skills_wanted: { select: 'q.skills_wanted' },
      priority: { select: 'q.priority' },
      housing_provided: { select: 'q.housing_provided' },
      status: { select: 'q.status', filterAs: 'label', labelList: 'requestStatus' },
      dev_20x10: { select: 'q.dev_20x10' },
      notes: { select: 'q.notes' },
    },
    search: (text) => ({
      sql: '(q.workplace LIKE ? OR r.name_ko LIKE ? OR r.name_en LIKE ?)',
      params: [`%${text}%`, `${text}%`, `${text}%`],
    }),
  },
  placements: {
    table: 'placements',
    entity: 'placement',
    alias: 'pl',
    from: 'placements pl JOIN persons p ON p.id = pl.person_id JOIN regions r ON r.id = pl.dest_county_id JOIN regions pr ON pr.id = r.parent_id JOIN cohorts c ON c.id = pl.cohort_id LEFT JOIN county_requests q ON q.id = pl.request_id',
    idOrder: 'ASC',
    columns: {
      service_no: { select: 'p.service_no' },
      name: { select: 'p.name', sort: 'p.name_sort_key' },
      cohort: {
        select: 'pl.cohort_id',
        sort: "c.year * 10 + CASE c.term WHEN 'spring' THEN 1 WHEN 'summer' THEN 2 ELSE 3 END",
        filterAs: 'cohort',
      },
      dest_province: { select: 'pr.code', sort: 'pr.id', filterAs: 'region', regionExpr: 'pr.id', regionBy: 'id' },
      dest_county: { select: 'r.code', sort: 'r.name_ko', filterAs: 'region', regionExpr: 'pl.dest_county_id', regionBy: 'id' },
      sector: { select: 'pl.sector', filterAs: 'label', labelList: 'sector' },
      workplace: { select: 'q.workplace' },
      status: { select: 'pl.status', filterAs: 'label', labelList: 'placementStatus' },
      decided_on: { select: 'pl.decided_on' },
      notified_on: { select: 'pl.notified_on' },
      arrival_date: { select: 'pl.arrival_date' },
      cancelled_on: { select: 'pl.cancelled_on' },
      notes: { select: 'pl.notes' },
    },
    search: (text) => personSearch('p', text),
  },
  history: {
    table: null,
    entity: null,
    alias: 'a',
    from: 'audit_log a JOIN operations o ON o.id = a.operation_id',
    idOrder: 'DESC',
    columns: {
      at: { select: 'a.at', sort: 'a.id' },
      clerk: { select: 'a.clerk' },
      operation: { select: 'o.kind', filterAs: 'label', labelList: 'operation' },
      entity: { select: 'a.entity', filterAs: 'label', labelList: 'entity' },
      subject: {
        // Rows added in bulk ('+*', ids entity_id … new_value): the first and the last of them; rows
        // taken out in bulk ('-*'): the same, from the row store (audit/row-store.ts).
        select: `CASE WHEN a.field = '+*' THEN (CASE a.entity
            WHEN 'person' THEN (SELECT p.service_no || ' ' || p.name FROM persons p WHERE p.id = a.entity_id)
              || ' … ' || (SELECT p.service_no || ' ' || p.name FROM persons p WHERE p.id = CAST(a.new_value AS INTEGER))
            WHEN 'placement' THEN (SELECT p.service_no || ' ' || p.name FROM placements pl JOIN persons p ON p.id = pl.person_id WHERE pl.id = a.entity_id)
              || ' … ' || (SELECT p.service_no || ' ' || p.name FROM placements pl JOIN persons p ON p.id = pl.person_id WHERE pl.id = CAST(a.new_value AS INTEGER))
            ELSE '#' || a.entity_id || ' … #' || a.new_value END)
          WHEN a.field = '-*' THEN (CASE a.entity
            WHEN 'person' THEN (SELECT s.service_no || ' ' || s.name FROM audit_rows_persons s WHERE s.rowid = CAST(a.old_value AS INTEGER))
              || ' … ' || (SELECT s.service_no || ' ' || s.name FROM audit_rows_persons s
                            WHERE s.rowid = CAST(a.old_value AS INTEGER) + CAST(a.new_value AS INTEGER) - a.entity_id)
            WHEN 'county_request' THEN (SELECT s.workplace FROM audit_rows_county_requests s WHERE s.rowid = CAST(a.old_value AS INTEGER))
            ELSE NULL END)
          ELSE CASE a.entity
          WHEN 'person' THEN (SELECT p.service_no || ' ' || p.name FROM persons p WHERE p.id = a.entity_id)
          WHEN 'placement' THEN (SELECT p.service_no || ' ' || p.name FROM placements pl JOIN persons p ON p.id = pl.person_id WHERE pl.id = a.entity_id)
          WHEN 'county_request' THEN (SELECT q.workplace FROM county_requests q WHERE q.id = a.entity_id)
          WHEN 'cohort' THEN (SELECT c.year || ' ' || c.term FROM cohorts c WHERE c.id = a.entity_id)
          WHEN 'decision_file' THEN COALESCE((SELECT d.file_name FROM decision_files d WHERE d.id = a.entity_id), '#' || a.entity_id)
          ELSE COALESCE(a.entity_id, '') END END`,
        sort: 'a.entity, a.entity_id',
      },
      field: { select: 'a.field' },
      old_value: {
        select: `CASE WHEN a.field = '-*' THEN CAST(a.new_value AS INTEGER) - a.entity_id + 1 ELSE ${historyValue('a.old_value')} END`,
      },
      new_value: {
        select: `CASE WHEN a.field = '+*' THEN CAST(a.new_value AS INTEGER) - a.entity_id + 1 WHEN a.field = '-*' THEN NULL ELSE ${historyValue('a.new_value')} END`,
      },
    },
    search: (text) => {
      const person = personSearch('p', text);
      if (person === null) return null;
      return {
        // Entries of the matching persons and their placements, and the bulk entries ('+*') whose
        // range holds one of them.
        sql: `((a.entity = 'person' AND a.entity_id IN (SELECT p.id FROM persons p WHERE ${person.sql}))
            OR (a.entity = 'placement' AND a.entity_id IN (SELECT pl.id FROM placements pl JOIN persons p ON p.id = pl.person_id WHERE ${person.sql}))
            OR a.id IN (SELECT r.id FROM audit_log r WHERE r.field = '+*' AND r.entity = 'person'
                          AND EXISTS (SELECT 1 FROM persons p WHERE (${person.sql}) AND p.id BETWEEN r.entity_id AND CAST(r.new_value AS INTEGER)))
            OR a.id IN (SELECT r.id FROM audit_log r WHERE r.field = '+*' AND r.entity = 'placement'
                          AND EXISTS (SELECT 1 FROM placements pl JOIN persons p ON p.id = pl.person_id
                                       WHERE (${person.sql}) AND pl.id BETWEEN r.entity_id AND CAST(r.new_value AS INTEGER))))`,
        params: [...person.params, ...person.params, ...person.params, ...person.params],
      };
    },
  },
};
