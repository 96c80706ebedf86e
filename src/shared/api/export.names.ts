// Names of the export calls. Zod-free: the preload imports the names files.
export const EXPORT_CALLS = [
  'getExportDefaults',
  'listExportCohorts',
  'listExportDepartments',
  'planExport',
  'startExport',
  'chooseExportFolder',
  'openExportFolder',
  'openDownload',
  'readDownload',
  'discardDownload',
] as const;
