// The office hub as the shell sees it (docs/hub.md): this PC's mode (local, sharing, connected),
// the clerk and role, whether the hub answers. Asked once at start, after every change of mode,
// and about every 2 s while not local — so the status bar says at once when the hub is gone.
// `epoch` counts the switches between ledgers (connect, disconnect): the shell remounts the page
// on it, so every page asks its data again from the ledger now in use.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { HubStatus, Role } from '../../shared/api/hub.contract';
import type { LedgerErrorData } from '../../shared/errors';
import { call, toErrorData } from './api';
import { useLedger } from './ledger-context';

/** How often the status is asked while sharing or connected. */
export const HUB_POLL_MS = 2000;

interface HubState {
  status: HubStatus | null;
  /** The last failure to ask for the status (the app's own host gone), null once it answers. */
  error: LedgerErrorData | null;
  /** Asks the status again now. */
  refresh(): void;
  /**
   * A call that changed the mode answered with the new status: take it, and when the ledger in use
   * changed (connect, disconnect), reload every page's data.
   */
  changed(status: HubStatus): void;
  /** Counts switches between ledgers; pages are remounted on it. */
  epoch: number;
}

const HubContext = createContext<HubState | null>(null);

/** Whether the ledger in use is another one after a change from `before` to `after`. */
function switchedLedger(before: HubStatus | null, after: HubStatus): boolean {
  const connectedBefore = before?.mode === 'connected';
  const connectedAfter = after.mode === 'connected';
  return connectedBefore !== connectedAfter || (connectedAfter && before?.addresses[0] !== after.addresses[0]);
}

export function HubProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const { refreshInfo } = useLedger();
  const [status, setStatus] = useState<HubStatus | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const [epoch, setEpoch] = useState(0);
  const seq = useRef(0);
  const current = useRef<HubStatus | null>(null);

  const take = useCallback(
    (next: HubStatus) => {
      const switched = current.current !== null && switchedLedger(current.current, next);
      current.current = next;
      setStatus(next);
      setError(null);
      if (switched) {
        setEpoch((e) => e + 1);
        refreshInfo();
      }
    },
    [refreshInfo],
  );

  const refresh = useCallback(() => {
    const mine = ++seq.current;
    call('getHubStatus', {})
      .then((next) => {
        if (mine === seq.current) take(next);
      })
      .catch((e: unknown) => {
        if (mine === seq.current) setError(toErrorData(e));
      });
  }, [take]);

  const changed = useCallback(
    (next: HubStatus) => {
      seq.current++; // an older poll still on its way must not undo this answer
      take(next);
    },
    [take],
  );

  useEffect(refresh, [refresh]);

  const mode = status?.mode ?? 'local';
  useEffect(() => {
    if (mode === 'local') return;
    const timer = window.setInterval(refresh, HUB_POLL_MS);
    return () => window.clearInterval(timer);
  }, [mode, refresh]);

  const value = useMemo<HubState>(() => ({ status, error, refresh, changed, epoch }), [status, error, refresh, changed, epoch]);
  return <HubContext.Provider value={value}>{children}</HubContext.Provider>;
}

export function useHub(): HubState {
  const state = useContext(HubContext);
  if (state === null) throw new Error('useHub outside HubProvider');
  return state;
}

/**
 * The role the clerk works with: the hub's account when connected, else this PC's clerk, who is
 * its administrator. Until the status has arrived: admin (the local default), so nothing flickers.
 */
export function useRole(): Role {
  return useHub().status?.role ?? 'admin';
}

/** Whether the role may change the ledger (edit, import, allocate, undo). */
export function useCanWrite(): boolean {
  return useRole() !== 'readonly';
}
