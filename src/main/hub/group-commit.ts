// Clerks' edits that reach the hub together are committed together. Each edit is its own SQLite
// transaction at synchronous=FULL, so each waits for its own fsync — on a busy office disk 5 ms,
// and the hub has one writer: eight clerks typing queue behind one another's fsyncs. Edits that
// arrive in the same turn of the event loop run instead inside one outer transaction, each in
// its own savepoint (better-sqlite3 nests a handler's transaction as one), so each stays one
// operation of its own clerk and a refused one (a stale row, a wrong value) takes back only
// itself; one COMMIT (one fsync) then makes them all durable, and only then is any answered —
// nothing is answered before it is on disk. When anything goes wrong with the group itself (the
// lock is held by another writer, SQLite rolled the whole transaction back after a full disk,
// the commit failed), every edit of the group runs again on its own, as it would have without
// grouping: their writes were taken back with the group, so nothing is done twice.
import type { ApiCallName } from '../../shared/api-names';
import type { Result } from '../../shared/errors';
import type { Ledger } from '../ledger/open';

/** The calls grouped: a grid's small synchronous writes, the ones clerks make many of at once. */
export const GROUPED_CALLS: ReadonlySet<ApiCallName> = new Set<ApiCallName>([
  'gridUpdateCell',
  'gridPaste',
  'gridFillDown',
  'gridAddRow',
  'gridDelete',
  'setPlacementStatus',
  'placeByHand',
]);

type Answer = Result<unknown> | Promise<Result<unknown>>;

interface Waiting {
  run: () => Answer;
  resolve: (answer: Answer) => void;
}

/**
 * A dispatch answers every failure with an envelope; should one throw all the same, its caller
 * still gets an answer and the group goes on (the throw reaches no timer callback, and leaves no
 * transaction open).
 */
function settle(run: () => Answer): Answer {
  try {
    return run();
  } catch (error) {
    console.error('[hub] a grouped call failed', error);
    return { ok: false, error: { code: 'internal', message: 'a grouped call failed' } };
  }
}

export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;
  /** How many groups of more than one were committed together, and how many edits they held. */
  readonly stats = { groups: 0, grouped: 0 };

  constructor(private readonly ledger: () => Ledger) {}

  /** Runs `run` (a dispatch of one of GROUPED_CALLS) with the others of this turn; answers after their commit. */
  submit(run: () => Answer): Promise<Result<unknown>> {
    return new Promise<Answer>((resolve) => {
      this.waiting.push({ run, resolve });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    }).then((answer) => answer);
  }

  private flush(): void {
    this.scheduled = false;
    const group = this.waiting.splice(0);
    const alone = (items: readonly Waiting[]) => {
      for (const item of items) item.resolve(settle(item.run));
    };
    const { db } = this.ledger();
    if (group.length < 2 || db.inTransaction) return alone(group);
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch {
      return alone(group); // another writer holds the lock: each waits or is refused on its own
    }
    const answers: Answer[] = [];
    for (const item of group) {
      answers.push(settle(item.run));
      if (!db.inTransaction) {
        // SQLite rolled the group back (a full disk, an I/O error): none of it was written.
        return alone(group);
      }
    }
    try {
      db.exec('COMMIT');
    } catch {
      if (db.inTransaction) db.exec('ROLLBACK');
      return alone(group);
    }
    this.stats.groups++;
    this.stats.grouped += group.length;
    group.forEach((item, i) => item.resolve(answers[i]!));
  }
}
