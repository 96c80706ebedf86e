// Names of the import calls. Zod-free: the preload imports the names files.
export const IMPORT_CALLS = [] as const;
