// The ledger's entities: what the audit log calls each, the table that stores it, and the grid
// that edits it. One map: the grid, the import, the audit log and undo all read it.
import type { EditableGridId } from '../../shared/grids';

export const ENTITY_TABLES = {
  person: 'persons',
  cohort: 'cohorts',
  county_request: 'county_requests',
  placement: 'placements',
  region: 'regions',
  decision_file: 'decision_files',
  setting: 'settings',
} as const;

export type AuditEntity = keyof typeof ENTITY_TABLES;

/** The entity each editable grid shows a row of. */
export const GRID_ENTITY = {
  persons: 'person',
  cohorts: 'cohort',
  requests: 'county_request',
  placements: 'placement',
} as const satisfies Record<EditableGridId, AuditEntity>;

/** The editable grid that shows an entity's rows (none for regions, decision files, settings). */
export const ENTITY_GRID: Partial<Record<AuditEntity, EditableGridId>> = Object.fromEntries(
  Object.entries(GRID_ENTITY).map(([grid, entity]) => [entity, grid]),
);

/** The table an editable grid writes. */
export function gridTable(grid: EditableGridId): (typeof ENTITY_TABLES)[(typeof GRID_ENTITY)[EditableGridId]] {
  return ENTITY_TABLES[GRID_ENTITY[grid]];
}

/** Tables whose rows carry updated_at (stamped on every change). */
export function stampsUpdatedAt(table: string): boolean {
  return table === 'persons' || table === 'county_requests' || table === 'placements';
}

/**
 * What a writer of a versioned row (persons, county requests, placements, cohorts: migration
 * 0012) adds to its UPDATE's SET list: the row's version moves on in the same statement, and the
 * trigger that would do it otherwise (a second write of the row) stays quiet.
 */
export const NEXT_VERSION = 'version = version + 1';
