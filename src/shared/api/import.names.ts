// Names of the import calls. Zod-free: the preload imports the names files.
export const IMPORT_CALLS = [
  'beginImportUpload',
  'appendImportUpload',
  'finishImportUpload',
  'chooseImportFile',
  'discardImportFile',
  'getImportCapabilities',
  'startImportInspect',
  'startImportDryRun',
  'startImportCommit',
  'exportImportReport',
  'listImports',
  'startImportUndo',
] as const;
