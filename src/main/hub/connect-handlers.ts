// Connecting this PC's app to another PC's ledger (docs/hub.md): probeHub, connectHub, disconnectHub.
import type { HandlersFor } from '../../shared/contract';
import { LedgerError } from '../../shared/errors';
import type { ApiContext } from '../api/context';

type ConnectCalls = 'probeHub' | 'connectHub' | 'disconnectHub';

export function createConnectHandlers(_context: ApiContext): HandlersFor<ConnectCalls> {
  const notYet = (): never => {
    throw new LedgerError('hub_call_local_only', 'connecting to a hub is not built yet');
  };
  return { probeHub: notYet, connectHub: notYet, disconnectHub: notYet };
}
