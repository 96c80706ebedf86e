// Error codes of a path the clerk typed or chose (a folder to export into, a file to save, a
// ledger or backup to open): each failure names what is wrong with the path itself, never the
// ledger. Sentences in i18n/paths.ts. Raised by src/main/util/user-path.ts.
export const PATH_ERROR_CODES = [
  'path_not_absolute',
  'path_missing',
  'path_folder_missing',
  'path_not_folder',
  'path_is_folder',
  'path_read_only',
  'path_no_permission',
  'path_disk_full',
  'path_timed_out',
  'path_unusable',
  'path_wrong_extension',
  'path_not_chosen',
] as const;
export type PathErrorCode = (typeof PATH_ERROR_CODES)[number];
