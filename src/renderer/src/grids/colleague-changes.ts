// Colleagues' changes, for the grids (docs/hub.md "Many clerks at once"): one poll of
// changesSince per app window, about every 1.5 s while the window is visible and a grid listens,
// shared by every grid on screen. A grid hears of the operations that touched the grids it shows
// (useColleagueChanges) and reloads its rows, keeping the clerk's scroll and selection.
//
// The window's own operations are left out: they are shown already. An operation of the clerk's
// own name is the window's own while the window has written at least as many times since the
// last poll (noteOwnWrite); more of them came from another window of the same clerk (two tabs of
// the web host, or the desktop app and a tab) and are reloaded like a colleague's. A successful
// poll also tells the grids the ledger answers again (onReachable: unsaved cells retry).
import { useEffect, useRef } from 'react';
import type { ChangeEntry } from '../../../shared/api/hub.contract';
import type { GridId } from '../../../shared/grids';
import { call } from '../api';

export const POLL_MS = 1500;

type Listener = {
  changes(changes: ChangeEntry[]): void;
  reachable?(): void;
};

const listeners = new Set<Listener>();
let latest: number | null = null;
let ownName: string | null = null;
let ownWrites = 0;
let timer: number | undefined;
let polling = false;
let polls = 0;
/** The clerk's name is asked again now and then (renamed in Settings, signed in as another account). */
const ASK_NAME_EVERY = 20;

/** A grid's write succeeded: the operation it made is this window's own (see above). */
export function noteOwnWrite(): void {
  ownWrites++;
}

async function whoAmI(): Promise<string | null> {
  try {
    return (await call('getHubStatus', {})).clerk;
  } catch {
    try {
      return (await call('getInfo', {})).clerk;
    } catch {
      return null;
    }
  }
}

async function poll(): Promise<void> {
  if (polling || listeners.size === 0 || document.visibilityState === 'hidden') return;
  polling = true;
  try {
    if (ownName === null || polls % ASK_NAME_EVERY === 0) ownName = await whoAmI();
    polls++;
    const writes = ownWrites;
    const answer = await call('changesSince', { after: latest ?? 0 });
    const first = latest === null;
    latest = answer.latest;
    ownWrites -= Math.min(writes, ownWrites);
    for (const listener of listeners) listener.reachable?.();
    if (first) return; // What was there before the window looked is shown already.
    const mine = answer.changes.filter((c) => c.clerk === ownName).length;
    const theirs = mine > writes ? answer.changes : answer.changes.filter((c) => c.clerk !== ownName);
    if (theirs.length > 0) for (const listener of listeners) listener.changes(theirs);
  } catch {
    // Unreachable for now (the status bar says so): asked again at the next tick.
  } finally {
    polling = false;
  }
}

function listen(listener: Listener): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    timer = window.setInterval(() => void poll(), POLL_MS);
    void poll();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

/** What a grid shows besides its own rows: a change of these grids changes its rows too. */
const SHOWS: Record<GridId, readonly string[] | 'all'> = {
  persons: ['persons', 'placements', 'requests', 'cohorts'],
  placements: ['placements', 'persons', 'requests', 'cohorts'],
  requests: ['requests', 'placements', 'cohorts'],
  cohorts: 'all',
  history: 'all',
};

/** Whether any of `changes` touched what `grid` shows. */
export function touches(grid: GridId, changes: readonly ChangeEntry[]): boolean {
  const shows = SHOWS[grid];
  return changes.some((c) => shows === 'all' || c.grids.some((g) => shows.includes(g)));
}

/**
 * Calls `onChanged` with colleagues' changes that touched what `grid` shows, and `onReachable`
 * after every poll the ledger answered; polls while the grid is mounted and the window visible.
 */
export function useColleagueChanges(grid: GridId, onChanged: (changes: ChangeEntry[]) => void, onReachable?: () => void): void {
  const handlers = useRef({ onChanged, onReachable });
  handlers.current = { onChanged, onReachable };
  useEffect(
    () =>
      listen({
        changes: (changes) => {
          if (touches(grid, changes)) handlers.current.onChanged(changes);
        },
        reachable: () => handlers.current.onReachable?.(),
      }),
    [grid],
  );
}
