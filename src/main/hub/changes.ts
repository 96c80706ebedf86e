// What changed since an operation (docs/hub.md, "Many clerks at once"): changesSince.
import type { HandlersFor } from '../../shared/contract';
import { LedgerError } from '../../shared/errors';
import type { ApiContext } from '../api/context';

export function createChangesHandlers(_context: ApiContext): HandlersFor<'changesSince'> {
  return {
    changesSince: () => {
      throw new LedgerError('hub_call_local_only', 'changesSince is not built yet');
    },
  };
}
