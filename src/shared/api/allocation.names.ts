// Names of the allocation calls (작업장 배정, issue 13). Zod-free: the preload imports the names files.
export const ALLOCATION_CALLS = [
  'listAllocationTerms',
  'getAllocationSettings',
  'startAllocation',
  'listAllocationRuns',
  'getAllocationProposal',
  'explainAllocation',
  'setAllocationPins',
  'moveInProposal',
  'acceptAllocation',
  'discardAllocation',
  'exportAllocationProposal',
] as const;
