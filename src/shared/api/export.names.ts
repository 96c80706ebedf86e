// Names of the export calls. Zod-free: the preload imports the names files.
export const EXPORT_CALLS = [] as const;
