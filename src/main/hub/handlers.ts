// The office hub's calls (src/shared/api/hub.contract.ts; design in docs/hub.md). On the PC that
// holds the ledger: its status, sharing it, its accounts, what changed since.
import type { HUB_CALLS } from '../../shared/api/hub.names';
import type { HandlersFor } from '../../shared/contract';
import { LedgerError } from '../../shared/errors';
import type { ApiContext } from '../api/context';
import { currentClerk } from '../settings/settings';
import { createChangesHandlers } from './changes';
import { createConnectHandlers } from './connect-handlers';

/** Until the hub is built (issue 15): the calls refuse with a sentence. */
const notHere = (): never => {
  throw new LedgerError('hub_call_local_only', 'the office hub is not built yet');
};

/**
 * The hub's calls: status, sharing and accounts here (hub-server); connecting to another PC's
 * ledger in connect-handlers.ts (hub-client); what changed since in changes.ts (row versions).
 */
export function createHubHandlers(context: ApiContext): HandlersFor<(typeof HUB_CALLS)[number]> {
  const { ledger } = context;
  return {
    ...createConnectHandlers(context),
    ...createChangesHandlers(context),
    getHubStatus: () => ({
      mode: 'local',
      addresses: [],
      fingerprint: null,
      clerk: currentClerk(ledger.db),
      role: 'admin',
      reachable: true,
      lastContactAt: null,
      clerksSignedIn: 0,
    }),
    startSharing: notHere,
    stopSharing: notHere,
    listUsers: notHere,
    addUser: notHere,
    setUserDisabled: notHere,
    setUserPassword: notHere,
  };
}
