// Allocation runs in the ledger (docs/allocation.md, "Runs, pins, accept"): a run reads the term
// (honouring the clerk's pins), solves, and records its proposal (migration 0009) in one
// transaction; the page reads it back by name; the clerk moves persons by hand or pins them; Accept
// writes every proposed assignment as ONE `allocate` operation (placements.setWorkplace, audited,
// so undo takes it back), refusing when a person or request it touches changed since the run.
import type Database from 'better-sqlite3';
import type { AllocationPin, AllocationRunState, AllocationRunSummary, AllocationSettingsData } from '../../shared/api/allocation.contract';
import { SECTORS, type Sector, type Term } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { beginOperation } from '../audit/operations';
import { BULK_ROWS } from '../audit/bulk';
import { bulkPlacementWrite, setWorkplace, type PlacementRow } from '../domain/placements';
import { allocate, UNASSIGNED_REASONS, type AllocationResult } from './allocate';
import { readAllocationInput, type AllocationScope } from './input';
import { resolveSettings } from './settings';

export interface RunOptions {
  cohortId?: number | null;
  countyIds?: readonly number[];
  settings?: Partial<AllocationSettingsData>;
  clerk: string;
  /** Solve but record nothing (CLI --dry-run). */
  dryRun?: boolean;
  /**
   * Record and accept in one transaction (the CLI without --dry-run): all or nothing. A run that
   * gives nobody a workplace is then not recorded at all.
   */
  accept?: boolean;
}

export interface RunHooks {
  progress?(phase: 'reading' | 'solving' | 'writing', done: number, total: number | null): void;
  /** Checked between the phases; true stops the run before anything is written. */
  cancelled?(): boolean;
}

export interface RunOutcome {
  runId: number | null;
  result: AllocationResult;
  /** Persons pinned (kept where the clerk put them) and how many of them to a request. */
  pinned: number;
  pinnedAssigned: number;
  /** With options.accept: the operation that wrote it. */
  accepted: { operationId: number; assigned: number } | null;
  ms: { read: number; solve: number; write: number; total: number };
}

export class RunCancelled extends Error {
  constructor() {
    super('allocation cancelled');
    this.name = 'RunCancelled';
  }
}

interface LivePin {
  placementId: number;
  requestId: number | null;
  countyId: number;
  placementUpdatedAt: string;
  personUpdatedAt: string;
}

/**
 * The pins of a term that still mean something: the placement still waits for a workplace
 * (proposed or decided, no request). Pins of placements given a workplace since (an accepted run)
 * are kept in the table — an undo makes them live again — but a run ignores them.
 */
export function livePins(db: Database.Database, cohortId: number): LivePin[] {
  return db
    .prepare<[number], LivePin>(
      `SELECT a.placement_id AS placementId, a.request_id AS requestId, pl.dest_county_id AS countyId,
              pl.updated_at AS placementUpdatedAt, p.updated_at AS personUpdatedAt
         FROM allocation_pins a JOIN placements pl ON pl.id = a.placement_id JOIN persons p ON p.id = pl.person_id
        WHERE a.cohort_id = ? AND pl.cohort_id = a.cohort_id AND pl.request_id IS NULL AND pl.status IN ('proposed', 'decided')
        ORDER BY a.placement_id`,
    )
    .all(cohortId);
}

/** Reads, solves and (unless a dry run) records one run. */
export function runAllocation(db: Database.Database, options: RunOptions, hooks: RunHooks = {}): RunOutcome {
  const started = performance.now();
  const settings = resolveSettings(options.settings ?? {});
  const stopIfCancelled = () => {
    if (hooks.cancelled?.()) throw new RunCancelled();
  };
  hooks.progress?.('reading', 0, null);
  // The pins and the input in one snapshot: a deferred read transaction.
  const { input, pins } = db
    .transaction(() => {
      const scope: AllocationScope = { cohortId: options.cohortId ?? null, countyIds: options.countyIds ?? [], stamps: !options.dryRun };
      const first = readAllocationInput(db, scope);
      const countyFilter = scope.countyIds && scope.countyIds.length > 0 ? new Set(scope.countyIds) : null;
      const live = livePins(db, first.cohortId).filter((p) => !countyFilter || countyFilter.has(p.countyId));
      if (live.length === 0) return { input: first, pins: live };
      return { input: readAllocationInput(db, { ...scope, cohortId: first.cohortId, pins: live }), pins: live };
    })
    .deferred();
  const read = performance.now();
  stopIfCancelled();
  hooks.progress?.('solving', 0, input.persons.count);
  const result = allocate(input, settings);
  const solved = performance.now();
  stopIfCancelled();
  const pinnedAssigned = pins.filter((p) => p.requestId !== null).length;
  let runId: number | null = null;
  let accepted: RunOutcome['accepted'] = null;
  if (!options.dryRun) {
    hooks.progress?.('writing', 0, input.persons.count + pins.length);
    if (!options.accept) runId = writeRun(db, result, pins, options, settings);
    else if (result.totals.assigned + pinnedAssigned > 0) {
      db.transaction(() => {
        runId = writeRun(db, result, pins, options, settings);
        accepted = acceptRun(db, runId, options.clerk);
      }).immediate();
    }
  }
  const end = performance.now();
  return {
    runId,
    result,
    pinned: pins.length,
    pinnedAssigned,
    accepted,
    ms: { read: read - started, solve: solved - read, write: end - solved, total: end - started },
  };
}

function writeRun(
  db: Database.Database,
  result: AllocationResult,
  pins: LivePin[],
  options: RunOptions,
  settings: AllocationSettingsData,
): number {
  const { input } = result;
  const { persons, requests } = input;
  const pinsToRequest = new Map<number, number>();
  for (const p of pins) if (p.requestId !== null) pinsToRequest.set(p.requestId, (pinsToRequest.get(p.requestId) ?? 0) + 1);
  // updated_at of what the run read (not of the rows now: a change since must show at Accept).
  const placementStamps = persons.placementUpdatedAt ?? [];
  const personStamps = persons.personUpdatedAt ?? [];
  if (placementStamps.length !== persons.count) throw new Error('a recorded run needs the input read with stamps');
  const write = db.transaction(() => {
    const countyObjective = result.counties.map((c) => ({ countyId: c.countyId, objective: c.objective }));
    const pinnedTotal = pins.length;
    const assigned = result.totals.assigned + pins.filter((p) => p.requestId !== null).length;
    const runId = Number(
      db
        .prepare(
          `INSERT INTO allocation_runs (cohort_id, county_ids, settings, pins, input_hash, objective, persons, assigned, unassigned, cross_sector,
                                        solver, counties, clerk, created_at, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed')`,
        )
        .run(
          input.cohortId,
          JSON.stringify([...(options.countyIds ?? [])].sort((a, b) => a - b)),
          JSON.stringify(settings),
          JSON.stringify(pins.map((p) => ({ placementId: p.placementId, requestId: p.requestId }))),
          result.inputHash,
          result.totals.objective,
          persons.count + pinnedTotal,
          assigned,
          persons.count + pinnedTotal - assigned,
          result.totals.crossSector,
          JSON.stringify({ ...result.solver, ms: Math.round(result.solver.ms), solveMs: Math.round(result.solver.solveMs) }),
          JSON.stringify(countyObjective),
          options.clerk,
          new Date().toISOString(),
        ).lastInsertRowid,
    );
    const insertRequest = db.prepare(
      'INSERT INTO allocation_run_requests (run_id, request_id, county_id, taken_before, updated_at, objective) VALUES (?, ?, ?, ?, ?, 0)',
    );
    for (const r of requests) insertRequest.run(runId, r.id, r.countyId, r.taken - (pinsToRequest.get(r.id) ?? 0), r.updatedAt ?? '');
    const insert = db.prepare(
      `INSERT INTO allocation_assignments (run_id, placement_id, county_id, request_id, reason, seat, pinned, moved, placement_updated_at, person_updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    );
    for (let i = 0; i < persons.count; i++) {
      const r = result.personRequest[i]!;
      insert.run(
        runId,
        persons.placementId[i]!,
        persons.countyId[i]!,
        r < 0 ? null : requests[r]!.id,
        r < 0 ? UNASSIGNED_REASONS[result.personReason[i]!]! : null,
        result.personSeat[i]!,
        0,
        placementStamps[i]!,
        personStamps[i]!,
      );
    }
    for (const p of pins) {
      insert.run(
        runId,
        p.placementId,
        p.countyId,
        p.requestId,
        p.requestId === null ? 'kept_unassigned' : null,
        0,
        1,
        p.placementUpdatedAt,
        p.personUpdatedAt,
      );
    }
    return runId;
  });
  return write.immediate();
}

interface RunRow {
  id: number;
  cohort_id: number;
  year: number;
  term: Term;
  county_ids: string;
  settings: string;
  pins: string;
  input_hash: string;
  objective: number;
  persons: number;
  assigned: number;
  unassigned: number;
  cross_sector: number;
  solver: string;
  counties: string;
  clerk: string;
  created_at: string;
  state: 'proposed' | 'accepted' | 'discarded';
  accepted_at: string | null;
  operation_id: number | null;
  undone: number | null;
}

const RUN_SQL = `SELECT r.*, c.year, c.term, o.undone FROM allocation_runs r JOIN cohorts c ON c.id = r.cohort_id
                   LEFT JOIN operations o ON o.id = r.operation_id`;

export function runRow(db: Database.Database, runId: number): RunRow {
  const row = db.prepare<[number], RunRow>(`${RUN_SQL} WHERE r.id = ?`).get(runId);
  if (!row) throw new LedgerError('allocation_run_missing', `no allocation run ${runId}`, { runId });
  return row;
}

export function runSummary(row: RunRow): AllocationRunSummary {
  const state: AllocationRunState = row.state === 'accepted' && row.undone === 1 ? 'undone' : row.state;
  return {
    runId: row.id,
    cohortId: row.cohort_id,
    year: row.year,
    term: row.term,
    state,
    createdAt: row.created_at,
    clerk: row.clerk,
    acceptedAt: row.accepted_at,
    operationId: row.operation_id,
    countyIds: JSON.parse(row.county_ids) as number[],
    persons: row.persons,
    assigned: row.assigned,
    unassigned: row.unassigned,
    crossSector: row.cross_sector,
    objective: row.objective,
  };
}

export function listRuns(db: Database.Database, cohortId?: number, limit = 50): AllocationRunSummary[] {
  const rows =
    cohortId === undefined
      ? db.prepare<[number], RunRow>(`${RUN_SQL} ORDER BY r.id DESC LIMIT ?`).all(limit)
      : db.prepare<[number, number], RunRow>(`${RUN_SQL} WHERE r.cohort_id = ? ORDER BY r.id DESC LIMIT ?`).all(cohortId, limit);
  return rows.map(runSummary);
}

function assertProposed(row: RunRow): void {
  if (row.state !== 'proposed') throw new LedgerError('allocation_run_closed', `run ${row.id} is ${row.state}`, { runId: row.id });
}

/** What changed since the run among the rows Accept would touch (0 and 0: nothing). */
export function staleRows(db: Database.Database, runId: number): { persons: number; requests: number } {
  const persons = db
    .prepare<[number], number>(
      `SELECT count(*) FROM allocation_assignments a
         LEFT JOIN placements pl ON pl.id = a.placement_id LEFT JOIN persons p ON p.id = pl.person_id
        WHERE a.run_id = ? AND a.request_id IS NOT NULL
          AND (pl.id IS NULL OR pl.updated_at <> a.placement_updated_at OR p.updated_at <> a.person_updated_at
               OR pl.request_id IS NOT NULL OR pl.status NOT IN ('proposed', 'decided'))`,
    )
    .pluck()
    .get(runId)!;
  const requests = db
    .prepare<[{ run: number }], number>(
      `SELECT count(*) FROM allocation_run_requests q LEFT JOIN county_requests r ON r.id = q.request_id
        WHERE q.run_id = @run AND q.request_id IN (SELECT request_id FROM allocation_assignments WHERE run_id = @run AND request_id IS NOT NULL)
          AND (r.id IS NULL OR r.updated_at <> q.updated_at OR r.status IN ('cancelled', 'closed')
               OR (SELECT count(*) FROM placements pl WHERE pl.request_id = r.id AND pl.status <> 'cancelled') <> q.taken_before)`,
    )
    .pluck()
    .get({ run: runId })!;
  return { persons, requests };
}

/**
 * Accept: every proposed assignment of the run written as ONE `allocate` operation, in one
 * transaction (a kill leaves all or nothing); refused when a touched person or request changed.
 */
export function acceptRun(db: Database.Database, runId: number, clerk: string): { operationId: number; assigned: number } {
  return db
    .transaction(() => {
      const row = runRow(db, runId);
      assertProposed(row);
      const stale = staleRows(db, runId);
      if (stale.persons > 0 || stale.requests > 0) throw new LedgerError('allocation_stale', `run ${runId}: rows changed since`, stale);
      // One pass over the run's assignments, grouped by request in JavaScript (a query per request
      // would scan the run's rows once per request).
      const rows = db
        .prepare<[number], PlacementRow & { alloc_request: number; alloc_sector: Sector }>(
          `SELECT pl.*, a.request_id AS alloc_request, r.sector AS alloc_sector
             FROM allocation_assignments a JOIN placements pl ON pl.id = a.placement_id JOIN county_requests r ON r.id = a.request_id
            WHERE a.run_id = ? AND a.request_id IS NOT NULL ORDER BY a.request_id, pl.id`,
        )
        .all(runId);
      if (rows.length === 0) throw new LedgerError('allocation_nothing_to_accept', `run ${runId} assigns nobody`, { runId });
      const op = beginOperation(db, 'allocate', clerk, `allocation run ${runId}`);
      const writeAll = () => {
        let assigned = 0;
        for (let from = 0; from < rows.length;) {
          const { alloc_request: requestId, alloc_sector: sector } = rows[from]!;
          let to = from;
          const group: PlacementRow[] = [];
          for (; to < rows.length && rows[to]!.alloc_request === requestId; to++) {
            const { alloc_request: _r, alloc_sector: _s, ...placement } = rows[to]!;
            group.push(placement as PlacementRow);
          }
          assigned += setWorkplace(db, op, group, requestId, sector);
          from = to;
        }
        return assigned;
      };
      // Many assignments: the figures' tally counted once for the term, not per placement.
      const assigned = rows.length < BULK_ROWS ? writeAll() : bulkPlacementWrite(db, () => [row.cohort_id], writeAll);
      db.prepare(`UPDATE allocation_runs SET state = 'accepted', accepted_at = ?, operation_id = ? WHERE id = ?`).run(op.at, op.id, runId);
      return { operationId: op.id, assigned };
    })
    .immediate();
}

export function discardRun(db: Database.Database, runId: number): AllocationRunSummary {
  db.transaction(() => {
    assertProposed(runRow(db, runId));
    db.prepare(`UPDATE allocation_runs SET state = 'discarded' WHERE id = ?`).run(runId);
  }).immediate();
  return runSummary(runRow(db, runId));
}

interface MovablePlacement {
  id: number;
  cohort_id: number;
  dest_county_id: number;
  request_id: number | null;
  status: string;
  service_no: string;
  name: string;
}

function movablePlacement(db: Database.Database, placementId: number, cohortId: number): MovablePlacement {
  const p = db
    .prepare<[number], MovablePlacement>(
      `SELECT pl.id, pl.cohort_id, pl.dest_county_id, pl.request_id, pl.status, p.service_no, p.name
         FROM placements pl JOIN persons p ON p.id = pl.person_id WHERE pl.id = ?`,
    )
    .get(placementId);
  if (!p) throw new LedgerError('not_found', `no placement ${placementId}`);
  if (p.cohort_id !== cohortId || p.request_id !== null || !['proposed', 'decided'].includes(p.status)) {
    throw new LedgerError('allocation_person_fixed', `placement ${placementId} cannot be moved`, { name: p.name, serviceNo: p.service_no });
  }
  return p;
}

interface TargetRequest {
  id: number;
  county_id: number;
  cohort_id: number;
  workplace: string;
  headcount: number;
  sector: Sector;
  status: string;
  taken: number;
}

function targetRequest(db: Database.Database, requestId: number, placement: MovablePlacement): TargetRequest {
  const r = db
    .prepare<[number], TargetRequest>(
      `SELECT r.id, r.county_id, r.cohort_id, r.workplace, r.headcount, r.sector, r.status,
              (SELECT count(*) FROM placements pl WHERE pl.request_id = r.id AND pl.status <> 'cancelled') AS taken
         FROM county_requests r WHERE r.id = ?`,
    )
    .get(requestId);
  if (!r) throw new LedgerError('not_found', `no request ${requestId}`);
  if (
    r.county_id !== placement.dest_county_id ||
    r.cohort_id !== placement.cohort_id ||
    r.status === 'cancelled' ||
    r.status === 'closed'
  ) {
    throw new LedgerError('allocation_move_other_county', `request ${requestId} is not open to placement ${placement.id}`);
  }
  return r;
}

/** Pins and unpins placements of a term (checked like a move); answers the term's pins. */
export function setPins(
  db: Database.Database,
  cohortId: number,
  set: readonly { placementId: number; requestId: number | null }[],
  clear: readonly number[],
  clerk: string,
): AllocationPin[] {
  db.transaction(() => {
    const remove = db.prepare('DELETE FROM allocation_pins WHERE placement_id = ?');
    for (const id of clear) remove.run(id);
    const upsert = db.prepare(
      `INSERT INTO allocation_pins (placement_id, cohort_id, request_id, clerk, pinned_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (placement_id) DO UPDATE SET cohort_id = excluded.cohort_id, request_id = excluded.request_id, clerk = excluded.clerk, pinned_at = excluded.pinned_at`,
    );
    const at = new Date().toISOString();
    for (const pin of set) {
      const placement = movablePlacement(db, pin.placementId, cohortId);
      if (pin.requestId !== null) targetRequest(db, pin.requestId, placement);
      upsert.run(pin.placementId, cohortId, pin.requestId, clerk, at);
    }
    // Never more pins to a request than its free seats.
    const over = db
      .prepare<[number], { workplace: string; headcount: number }>(
        `SELECT r.workplace, r.headcount FROM county_requests r
          WHERE r.id IN (SELECT request_id FROM allocation_pins WHERE cohort_id = ? AND request_id IS NOT NULL)
            AND (SELECT count(*) FROM placements pl WHERE pl.request_id = r.id AND pl.status <> 'cancelled')
              + (SELECT count(*) FROM allocation_pins a JOIN placements pl ON pl.id = a.placement_id
                  WHERE a.request_id = r.id AND pl.request_id IS NULL AND pl.status IN ('proposed', 'decided')) > r.headcount
          LIMIT 1`,
      )
      .get(cohortId);
    if (over)
      throw new LedgerError('allocation_move_full', `pins exceed the seats of ${over.workplace}`, {
        workplace: over.workplace,
        headcount: over.headcount,
      });
  }).immediate();
  return listPins(db, cohortId);
}

export function listPins(db: Database.Database, cohortId: number): AllocationPin[] {
  return db
    .prepare<[number], AllocationPin>(
      `SELECT a.placement_id AS placementId, p.service_no AS serviceNo, p.name, pl.dest_county_id AS countyId,
              a.request_id AS requestId, r.workplace, a.clerk
         FROM allocation_pins a JOIN placements pl ON pl.id = a.placement_id JOIN persons p ON p.id = pl.person_id
         LEFT JOIN county_requests r ON r.id = a.request_id
        WHERE a.cohort_id = ? AND pl.request_id IS NULL AND pl.status IN ('proposed', 'decided')
        ORDER BY a.placement_id`,
    )
    .all(cohortId);
}

/**
 * Moves a person by hand within a proposed run (requestId null: no workplace) and pins them there,
 * so a new run keeps the choice. Never beyond a request's free seats; only within the person's
 * city/county and term. Returns the person's county id.
 */
export function moveInRun(db: Database.Database, runId: number, placementId: number, requestId: number | null, clerk: string): number {
  return db
    .transaction(() => {
      const row = runRow(db, runId);
      assertProposed(row);
      const current = db
        .prepare<[number, number], { county_id: number; request_id: number | null }>(
          'SELECT county_id, request_id FROM allocation_assignments WHERE run_id = ? AND placement_id = ?',
        )
        .get(runId, placementId);
      if (!current) throw new LedgerError('not_found', `placement ${placementId} is not in run ${runId}`);
      const placement = movablePlacement(db, placementId, row.cohort_id);
      if (requestId !== null && requestId !== current.request_id) {
        const request = targetRequest(db, requestId, placement);
        const proposed = db
          .prepare<[number, number], number>('SELECT count(*) FROM allocation_assignments WHERE run_id = ? AND request_id = ?')
          .pluck()
          .get(runId, requestId)!;
        if (request.taken + proposed + 1 > request.headcount) {
          throw new LedgerError('allocation_move_full', `request ${requestId} is full`, {
            workplace: request.workplace,
            headcount: request.headcount,
          });
        }
        // A request the run did not read (it was full then): remember its seats for the stale check.
        db.prepare(
          `INSERT OR IGNORE INTO allocation_run_requests (run_id, request_id, county_id, taken_before, updated_at, objective)
           SELECT ?, id, county_id, ?, updated_at, 0 FROM county_requests WHERE id = ?`,
        ).run(runId, request.taken, requestId);
      }
      db.prepare(
        `UPDATE allocation_assignments SET request_id = ?, reason = ?, seat = 0, moved = 1 WHERE run_id = ? AND placement_id = ?`,
      ).run(requestId, requestId === null ? 'kept_unassigned' : null, runId, placementId);
      db.prepare(
        `INSERT INTO allocation_pins (placement_id, cohort_id, request_id, clerk, pinned_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (placement_id) DO UPDATE SET request_id = excluded.request_id, clerk = excluded.clerk, pinned_at = excluded.pinned_at`,
      ).run(placementId, row.cohort_id, requestId, clerk, new Date().toISOString());
      refreshRunCounts(db, runId);
      return current.county_id;
    })
    .immediate();
}

function refreshRunCounts(db: Database.Database, runId: number): void {
  db.prepare(
    `UPDATE allocation_runs SET
       assigned = (SELECT count(*) FROM allocation_assignments WHERE run_id = @run AND request_id IS NOT NULL),
       unassigned = (SELECT count(*) FROM allocation_assignments WHERE run_id = @run AND request_id IS NULL),
       cross_sector = (SELECT count(*) FROM allocation_assignments a JOIN placements pl ON pl.id = a.placement_id
                         JOIN county_requests r ON r.id = a.request_id WHERE a.run_id = @run AND r.sector <> pl.sector)
     WHERE id = @run`,
  ).run({ run: runId });
}

export const sectorOf = (text: string): Sector => ((SECTORS as readonly string[]).includes(text) ? (text as Sector) : 'other');
