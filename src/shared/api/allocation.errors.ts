// Error codes of automatic allocation (each has a sentence in i18n/allocation.ts).
export const ALLOCATION_ERROR_CODES = [
  'allocation_setting_out_of_range',
  'allocation_term_missing',
  'allocation_not_optimal',
  /** No such run (or it belongs to another ledger). */
  'allocation_run_missing',
  /** The run was accepted or discarded already: it cannot change or be accepted again. */
  'allocation_run_closed',
  /** Persons or requests the run touches changed since it was made: run again. */
  'allocation_stale',
  /** The proposal sends nobody anywhere: nothing to accept. */
  'allocation_nothing_to_accept',
  /** A move or pin to a request of another city/county or term. */
  'allocation_move_other_county',
  /** A move or pin beyond a request's free seats. */
  'allocation_move_full',
  /** A placement that cannot be pinned or moved (notified, arrived, cancelled, has a workplace, other term). */
  'allocation_person_fixed',
  /** The ledger changed since the run, so its reasons cannot be worked out again: run again. */
  'allocation_ledger_changed',
  /** A county given with --county (or countyIds) that is not a city/county of the ledger. */
  'allocation_unknown_county',
] as const;
export type AllocationErrorCode = (typeof ALLOCATION_ERROR_CODES)[number];
