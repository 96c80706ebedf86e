// Names of the foundation's calls. Zod-free: the preload imports the names files.
export const CORE_CALLS = ['getInfo', 'getSettings', 'updateSettings', 'listRegions', 'checkLedger', 'getJob', 'cancelJob'] as const;
