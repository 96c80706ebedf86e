// Names of the grid calls. Zod-free: the preload imports the names files.
export const GRID_CALLS = [] as const;
