/** "PLDG": marks a file as a Placement Ledger, so another program's database is refused. */
export const APPLICATION_ID = 0x504c4447;
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
