// The office hub's calls (src/shared/api/hub.contract.ts; design in docs/hub.md). On the PC that
// holds the ledger: its status, sharing it, its accounts, what changed since.
import type { HUB_CALLS } from '../../shared/api/hub.names';
import type { HandlersFor } from '../../shared/contract';
import { LedgerError } from '../../shared/errors';
import type { ApiContext } from '../api/context';
import { currentClerk } from '../settings/settings';

/** Until the hub is built (issue 15): the calls refuse with a sentence. */
const notHere = (): never => {
  throw new LedgerError('hub_call_local_only', 'the office hub is not built yet');
};

export function createHubHandlers({ ledger }: ApiContext): HandlersFor<(typeof HUB_CALLS)[number]> {
  return {
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
    probeHub: notHere,
    connectHub: notHere,
    disconnectHub: notHere,
    listUsers: notHere,
    addUser: notHere,
    setUserDisabled: notHere,
    setUserPassword: notHere,
    changesSince: notHere,
  };
}
