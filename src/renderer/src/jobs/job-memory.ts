// The id of a page's running job, kept for the session (sessionStorage) so the page picks the job
// up again after the clerk looked elsewhere. Storage that is unavailable only loses that: the job
// still runs.

export interface JobMemory {
  /** Keeps the running job's id, or forgets it (null). */
  remember(id: string | null): void;
  /** The kept id, if any. */
  remembered(): string | null;
}

export function jobMemory(key: string): JobMemory {
  return {
    remember(id) {
      try {
        if (id === null) window.sessionStorage.removeItem(key);
        else window.sessionStorage.setItem(key, id);
      } catch {
        // storage unavailable: the job still runs, the page just does not pick it up again
      }
    },
    remembered() {
      try {
        return window.sessionStorage.getItem(key);
      } catch {
        return null;
      }
    },
  };
}
