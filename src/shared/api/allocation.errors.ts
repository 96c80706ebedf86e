// Error codes of automatic allocation (each has a sentence in i18n/allocation.ts).
export const ALLOCATION_ERROR_CODES = ['allocation_setting_out_of_range', 'allocation_term_missing', 'allocation_not_optimal'] as const;
export type AllocationErrorCode = (typeof ALLOCATION_ERROR_CODES)[number];
