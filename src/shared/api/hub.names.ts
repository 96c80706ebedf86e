// Names of the office hub's calls (issue 15): sharing this ledger, connecting to another PC's,
// accounts, and what changed since (for other clerks' grids). Zod-free: the preload imports it.
export const HUB_CALLS = [
  'getHubStatus',
  'startSharing',
  'stopSharing',
  'probeHub',
  'connectHub',
  'disconnectHub',
  'listUsers',
  'addUser',
  'setUserDisabled',
  'setUserPassword',
  'changesSince',
] as const;

/**
 * Calls the app answers itself even when it works on a hub: they are about this PC's connection,
 * not the ledger. Every other call is forwarded to the hub (docs/hub.md).
 */
export const HUB_LOCAL_CALLS: readonly string[] = ['getHubStatus', 'probeHub', 'connectHub', 'disconnectHub'];
