// The office hub's calls (src/shared/api/hub.contract.ts; design in docs/hub.md). On the PC that
// holds the ledger: its status, sharing it, its accounts, what changed since.
import type { HubStatus } from '../../shared/api/hub.contract';
import type { HUB_CALLS } from '../../shared/api/hub.names';
import type { HandlersFor } from '../../shared/contract';
import { LedgerError } from '../../shared/errors';
import type { ApiContext } from '../api/context';
import { currentClerk } from '../settings/settings';
import { addUser, hasEnabledAdmin, listUsers, setUserDisabled, setUserPassword } from './accounts';
import { createChangesHandlers } from './changes';
import { createConnectHandlers } from './connect-handlers';
import { requestClerk, markShared } from './request-clerk';
import { DEFAULT_HUB_PORT, listenHub, sharingFailure, type Hub } from './listener';

/**
 * The hub's calls: status, sharing and accounts here (hub-server); connecting to another PC's
 * ledger in connect-handlers.ts (hub-client); what changed since in changes.ts (row versions).
 *
 * Sharing serves the app's own session (the same connection, handlers and jobs as the window) on
 * the office network. It lives as long as these handlers: it stops when the app closes, and when
 * the ledger is switched or restored (the clerks signed in would otherwise find themselves on
 * another ledger) — the admin shares again.
 */
export function createHubHandlers(context: ApiContext): HandlersFor<(typeof HUB_CALLS)[number]> {
  const { ledger } = context;
  const { db } = ledger;
  let hub: Hub | null = null;
  let starting: Promise<Hub> | null = null;

  const status = (): HubStatus => ({
    mode: hub ? 'sharing' : 'local',
    addresses: hub?.addresses ?? [],
    fingerprint: hub?.fingerprint ?? null,
    clerk: currentClerk(db),
    // Locally the clerk at this PC is its administrator; through the hub, the account's role.
    role: requestClerk()?.role ?? 'admin',
    reachable: true,
    lastContactAt: null,
    clerksSignedIn: hub?.signedIn() ?? 0,
  });

  const stop = async (): Promise<void> => {
    const running = hub ?? (starting ? await starting.catch(() => null) : null);
    hub = null;
    markShared(db, false);
    await running?.close();
  };
  context.onDispose?.(() => {
    void stop().catch((error: unknown) => console.error('[hub] stopping failed', error));
  });

  return {
    ...createConnectHandlers(context),
    ...createChangesHandlers(context),
    getHubStatus: () => status(),
    startSharing: async ({ port }) => {
      const wanted = port ?? DEFAULT_HUB_PORT;
      if (hub && hub.port === wanted) return status();
      if (!hasEnabledAdmin(db)) throw new LedgerError('hub_no_admin', 'no enabled admin account: add one before sharing');
      const { session } = context;
      if (!session) throw new LedgerError('hub_sharing_failed', 'this host cannot share its ledger', { reason: 'other', port: wanted });
      await stop();
      starting = listenHub({ session, listen: { host: '0.0.0.0', port: wanted } });
      try {
        hub = await starting;
        markShared(db, true);
      } catch (error) {
        throw sharingFailure(error, wanted);
      } finally {
        starting = null;
      }
      return status();
    },
    stopSharing: async () => {
      await stop();
      return status();
    },
    listUsers: () => listUsers(db),
    addUser: (input) => addUser(db, currentClerk(db), input),
    setUserDisabled: ({ name, disabled }) => setUserDisabled(db, currentClerk(db), name, disabled),
    setUserPassword: ({ name, password }) => setUserPassword(db, currentClerk(db), name, password),
  };
}
