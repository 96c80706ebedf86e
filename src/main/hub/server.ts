// Starting the office hub (docs/hub.md) on the app's session or on a ledger file of its own
// (`ledger serve`, tests, the load test). The serving itself is listener.ts.
import { createSession } from '../api/session';
import { appVersion } from '../app-version';
import { openLedger, type OpenLedgerOptions } from '../ledger/open';
import { listenHub, type Hub, type ListenOptions } from './listener';

export { DEFAULT_HUB_PORT, HUB_APP_ID, HUB_PROTOCOL, type Hub } from './listener';

export type HubOptions = Omit<ListenOptions, 'session' | 'onClose'> & {
  /** The app's own session (sharing from the desktop app): the same connection, handlers and jobs. */
  session?: ListenOptions['session'];
  /** Without a session: the ledger to open here, closed with the hub. */
  dbPath?: string;
  openOptions?: OpenLedgerOptions;
};

/** Starts the hub; rejects (a ledger it opened closed again) when it cannot listen. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const { session, dbPath, openOptions, ...listen } = options;
  if (session) return listenHub({ ...listen, session });
  if (!dbPath) throw new Error('startHub needs a session or a dbPath');
  const owned = createSession({
    ledger: openLedger(dbPath, openOptions),
    appVersion: appVersion(),
    ...(openOptions ? { openOptions } : {}),
  });
  try {
    return await listenHub({ ...listen, session: owned, onClose: () => owned.close() });
  } catch (error) {
    owned.close();
    throw error;
  }
}
