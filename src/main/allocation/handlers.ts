// The allocation calls (src/shared/api/allocation.contract.ts).
import type { HandlersFor } from '../../shared/contract';
import type { ALLOCATION_CALLS } from '../../shared/api/allocation.names';
import type { ApiContext } from '../api/context';

const notYet = (): never => {
  throw new Error('allocation calls are not built yet');
};

export function createAllocationHandlers(_context: ApiContext): HandlersFor<(typeof ALLOCATION_CALLS)[number]> {
  return {
    listAllocationTerms: notYet,
    getAllocationSettings: notYet,
    startAllocation: notYet,
    listAllocationRuns: notYet,
    getAllocationProposal: notYet,
    explainAllocation: notYet,
    setAllocationPins: notYet,
    moveInProposal: notYet,
    acceptAllocation: notYet,
    discardAllocation: notYet,
    exportAllocationProposal: notYet,
  };
}
