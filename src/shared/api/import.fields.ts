// The import's field names, issue codes and required fields: plain constants without zod, so the
// import worker (layout.ts, rows.ts) can use them without loading the schema library. The
// contract (import.contract.ts) re-exports them.

export const IMPORT_KINDS = ['decision', 'requests'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Columns of a Military Manpower Bureau decision file, in their usual order. */
export const DECISION_FIELDS = [
  'rowNo',
  'serviceNo',
  'name',
  'sex',
  'birthDate',
  'unit',
  'rank',
  'dischargeDate',
  'term',
  'homeProvince',
  'homeCounty',
  'skill',
  'education',
  'destProvince',
  'destCounty',
  'sector',
  'notes',
] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];

/** Columns of a county request sheet (DOMAIN.md); `province` is optional. */
export const REQUEST_FIELDS = [
  'rowNo',
  'province',
  'county',
  'workplace',
  'sector',
  'headcount',
  'skills',
  'term',
  'priority',
  'housing',
  'notes',
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

export const IMPORT_FIELDS = [...new Set([...DECISION_FIELDS, ...REQUEST_FIELDS])] as unknown as readonly (DecisionField | RequestField)[];
export type ImportField = DecisionField | RequestField;

/** Fields a file must map for its kind; without them the header is refused. */
export const REQUIRED_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  decision: ['serviceNo', 'name', 'destCounty'],
  requests: ['workplace', 'headcount'],
};

/** Problems of single rows, reported with the row and column as the clerk sees them in Excel. */
export const IMPORT_ISSUE_CODES = [
  // errors: the row is not imported
  'missing_service_no',
  'invalid_service_no',
  'missing_name',
  'invalid_date',
  'birth_after_discharge',
  'missing_county',
  'unknown_province',
  'unknown_county',
  'ambiguous_county',
  'duplicate_in_file',
  'invalid_sex',
  'invalid_rank',
  'invalid_term',
  'missing_term',
  'missing_year',
  'invalid_sector',
  'cell_too_long',
  'missing_workplace',
  'invalid_headcount',
  'invalid_priority',
  'invalid_housing',
  // the service number belongs to another person in the ledger (two of name, sex, birth differ)
  'identity_conflict',
  'county_sheet_mismatch',
  'duplicate_request',
  // warnings: the row is imported, the clerk should know
  'placement_moved',
  'placed_other_term',
  'person_amended',
  'unknown_home_province',
  'formula_without_value',
  'request_amended',
  'service_no_cleaned',
  'identity_changed',
  'person_corrected',
  'possible_duplicate',
  'possible_duplicate_in_file',
  'request_same_workplace',
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

export const IMPORT_WARNING_CODES: readonly ImportIssueCode[] = [
  'placement_moved',
  'placed_other_term',
  'person_amended',
  'unknown_home_province',
  'formula_without_value',
  'request_amended',
  'service_no_cleaned',
  'identity_changed',
  'person_corrected',
  'possible_duplicate',
  'possible_duplicate_in_file',
  'request_same_workplace',
];
