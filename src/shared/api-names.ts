// The names of every ledger API call, with no dependencies: the preload script imports this
// (and nothing else at run time), so it exposes exactly these calls and nothing more.
// `contract.ts` checks at compile time that its entries match this list one to one.

export const API_CALLS = ['getInfo', 'getSettings', 'updateSettings', 'listRegions', 'checkLedger'] as const;

export type ApiCallName = (typeof API_CALLS)[number];

/** The IPC channel of a call. Main registers handlers on exactly these channels. */
export function channelOf(name: ApiCallName): string {
  return `ledger:${name}`;
}
