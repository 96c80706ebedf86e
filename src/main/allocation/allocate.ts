// The allocation engine (docs/allocation.md): persons grouped into classes, each city/county solved
// as a minimum-cost maximum flow (classes × requests, each request's free seats cut into fairness
// steps), the optimality conditions checked on every run, then the class flows handed out to
// persons by a fixed rule. Plain Node: the CLI, a worker and the tests call it alike.
import { UNASSIGNED_REASONS, type PointsBreakdown, type UnassignedReason } from '../../shared/allocation';
import { SECTORS, type Sector } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { FlowGraph } from './flow';
import { splitSkills, type AllocationInput, type InputRequest } from './input';
import { FAIRNESS_STEPS, PRIORITY_SPAN, resolveSettings, type AllocationSettings } from './settings';

/** Persons of one city/county, sector and skill set (and unit, with keepUnits): interchangeable. */
export interface AllocationClass {
  countyId: number;
  sector: Sector;
  /** The person's skills that some request of the county wants (sorted). */
  skills: string[];
  /** The unit, with keepUnits; else null. */
  unit: string | null;
  /** Person indices (into input.persons), in the distribution order: unit, then service number. */
  persons: Int32Array;
}

export type { PointsBreakdown, UnassignedReason };
export { UNASSIGNED_REASONS };

export interface CountyRequestResult {
  /** Index into input.requests. */
  request: number;
  freeSeats: number;
  proposed: number;
  crossSector: number;
}

export interface CountyResult {
  countyId: number;
  persons: number;
  assigned: number;
  crossSector: number;
  unassigned: Record<UnassignedReason, number>;
  /** Unassigned persons per sector and reason. */
  unassignedBySector: { sector: Sector; reason: UnassignedReason; persons: number }[];
  requests: CountyRequestResult[];
  /** Σ points of the assignments − Σ fairness costs (what the solver maximised, for this county). */
  objective: number;
  classes: number;
  arcs: number;
  augmentations: number;
}

/** One city/county's solved network, kept for explanations. */
export interface CountyNetwork {
  graph: FlowGraph;
  source: number;
  sink: number;
  /** Global class index → node. */
  classNode: Map<number, number>;
  /** Request index → node. */
  requestNode: Map<number, number>;
  /** `${class} ${request}` → arc id. */
  arc: Map<string, number>;
}

export interface AllocationResult {
  cohortId: number;
  settings: AllocationSettings;
  inputHash: string;
  input: AllocationInput;
  classes: AllocationClass[];
  /** Per person index: its class. */
  personClass: Int32Array;
  /** Per person index: the proposed request (index into input.requests), or −1. */
  personRequest: Int32Array;
  /** Per person index: its seat among this run's persons of that request (1-based), or 0. */
  personSeat: Int32Array;
  /** Per person index: why it has no request (index into UNASSIGNED_REASONS), or −1. */
  personReason: Int8Array;
  counties: CountyResult[];
  networks: Map<number, CountyNetwork>;
  totals: { persons: number; assigned: number; unassigned: number; crossSector: number; objective: number };
  /** ms: the whole allocate call; solveMs: the flow solves and their checks alone. */
  solver: { ms: number; solveMs: number; classes: number; arcs: number; augmentations: number; checked: true };
}

/** Points of a person with the given matched skills at a request. */
export function pointsAt(
  settings: AllocationSettings,
  personSector: Sector,
  personSkills: readonly string[],
  request: InputRequest,
): PointsBreakdown {
  const wanted = new Set(request.skills);
  const skills = personSkills.filter((s) => wanted.has(s));
  const skillPoints = settings.skillPoints * skills.length;
  const priorityPoints = settings.priorityWeight * (PRIORITY_SPAN - Math.min(request.priority, PRIORITY_SPAN));
  const dev20x10Points = request.dev20x10 ? settings.dev20x10Points : 0;
  const otherSectorCost = request.sector === personSector ? 0 : settings.otherSectorCost;
  return {
    skills,
    skillPoints,
    priority: request.priority,
    priorityPoints,
    dev20x10Points,
    otherSectorCost,
    total: skillPoints + priorityPoints + dev20x10Points - otherSectorCost,
  };
}

/** The fairness level (0..FAIRNESS_STEPS−1) of seat k (1-based) of a request with `free` seats. */
export function fairnessLevel(seat: number, free: number): number {
  return Math.floor((FAIRNESS_STEPS * (seat - 1)) / free);
}

/** May a person of `sector` in this county go to `request`, seats aside? */
export function eligible(settings: AllocationSettings, countyId: number, sector: Sector, request: InputRequest): boolean {
  return request.countyId === countyId && (request.sector === sector || settings.otherSectorCounties.includes(countyId));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface AllocateOptions {
  /** Only for tests that prove a broken solver is caught. */
  breakSolver?: boolean;
}

/** Proposes workplaces for the input's persons. Throws allocation_not_optimal if a check fails. */
export function allocate(
  input: AllocationInput,
  partialSettings: Partial<AllocationSettings> = {},
  options: AllocateOptions = {},
): AllocationResult {
  const settings = resolveSettings(partialSettings);
  const started = performance.now();
  const { persons, requests } = input;
  const n = persons.count;

  // Skills a county's requests want: a person's class keeps only those (the rest earn nothing).
  const wantedInCounty = new Map<number, Set<string>>();
  for (const r of requests) {
    let set = wantedInCounty.get(r.countyId);
    if (!set) wantedInCounty.set(r.countyId, (set = new Set()));
    for (const s of r.skills) set.add(s);
  }
  const skillLists = persons.skillTexts.map((t) => splitSkills(t));

  // Classes: key = county, sector, matched skills (, unit). Keys are sorted so the class order,
  // and so the whole run, depends only on the input.
  const keyIndex = new Map<string, number>();
  const keys: { key: string; countyId: number; sector: number; skills: string[]; unit: string | null }[] = [];
  const personKey = new Int32Array(n);
  // Persons of one county, sector, skill text (and unit) share a class: find it once per such
  // combination (a number), not once per person.
  const countySlot = new Map(input.countyIds.map((id, i) => [id, i]));
  const skillCount = Math.max(1, persons.skillTexts.length);
  const unitCount = settings.keepUnits ? Math.max(1, persons.unitTexts.length) : 1;
  const comboKey = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const countyId = persons.countyId[i]!;
    const combo =
      (((countySlot.get(countyId) ?? 0) * SECTORS.length + persons.sector[i]!) * skillCount + persons.skill[i]!) * unitCount +
      (settings.keepUnits ? persons.unit[i]! : 0);
    let k = comboKey.get(combo);
    if (k === undefined) {
      const wanted = wantedInCounty.get(countyId);
      const matched = [...new Set(skillLists[persons.skill[i]!]!.filter((s) => wanted?.has(s)))].sort(compareText);
      const unit = settings.keepUnits ? persons.unitTexts[persons.unit[i]!]! : null;
      const key = `${String(countyId).padStart(10, '0')}\u0001${persons.sector[i]}\u0001${matched.join('\u0002')}\u0001${unit ?? ''}`;
      k = keyIndex.get(key);
      if (k === undefined) {
        k = keys.length;
        keys.push({ key, countyId, sector: persons.sector[i]!, skills: matched, unit });
        keyIndex.set(key, k);
      }
      comboKey.set(combo, k);
    }
    personKey[i] = k;
  }
  const order = keys.map((_, i) => i).sort((a, b) => compareText(keys[a]!.key, keys[b]!.key));
  const rankOfKey = new Int32Array(keys.length);
  order.forEach((k, rank) => (rankOfKey[k] = rank));
  const personClass = new Int32Array(n);
  const classSize = new Int32Array(keys.length);
  for (let i = 0; i < n; i++) {
    const c = rankOfKey[personKey[i]!]!;
    personClass[i] = c;
    classSize[c] = classSize[c]! + 1;
  }
  // Persons of each class in distribution order: unit, then service number, then placement id.
  const unitRank = new Int32Array(persons.unitTexts.length);
  persons.unitTexts
    .map((_, i) => i)
    .sort((a, b) => compareText(persons.unitTexts[a]!, persons.unitTexts[b]!))
    .forEach((u, rank) => (unitRank[u] = rank));
  const start = new Int32Array(keys.length + 1);
  for (let c = 0; c < keys.length; c++) start[c + 1] = start[c]! + classSize[c]!;
  const fill = start.slice(0, keys.length);
  const byClass = new Int32Array(n);
  for (let i = 0; i < n; i++) byClass[fill[personClass[i]!]!++] = i;
  const byPerson = (a: number, b: number) =>
    unitRank[persons.unit[a]!]! - unitRank[persons.unit[b]!]! ||
    compareText(persons.serviceNo[a]!, persons.serviceNo[b]!) ||
    persons.placementId[a]! - persons.placementId[b]!;
  const classes: AllocationClass[] = order.map((k, c) => {
    const members = byClass.subarray(start[c]!, start[c + 1]!);
    members.sort(byPerson);
    const key = keys[k]!;
    return { countyId: key.countyId, sector: SECTORS[key.sector]!, skills: key.skills, unit: key.unit, persons: members };
  });

  // One network per city/county.
  const requestsOfCounty = new Map<number, number[]>();
  requests.forEach((r, i) => {
    let list = requestsOfCounty.get(r.countyId);
    if (!list) requestsOfCounty.set(r.countyId, (list = []));
    list.push(i);
  });
  const classesOfCounty = new Map<number, number[]>();
  classes.forEach((cl, c) => {
    let list = classesOfCounty.get(cl.countyId);
    if (!list) classesOfCounty.set(cl.countyId, (list = []));
    list.push(c);
  });

  const personRequest = new Int32Array(n).fill(-1);
  const personSeat = new Int32Array(n);
  const personReason = new Int8Array(n).fill(-1);
  const counties: CountyResult[] = [];
  const networks = new Map<number, CountyNetwork>();
  let totalArcs = 0;
  let totalAugmentations = 0;
  let solveMs = 0;

  for (const countyId of input.countyIds) {
    const reqs = requestsOfCounty.get(countyId) ?? [];
    const cls = classesOfCounty.get(countyId) ?? [];
    const open = reqs.filter((r) => requests[r]!.freeSeats > 0);
    // Nodes: source, sink, classes, requests with free seats.
    const source = 0;
    const sink = 1;
    const graph = new FlowGraph(2 + cls.length + open.length, cls.length * 4 + open.length * (FAIRNESS_STEPS + 1));
    const classNode = new Map<number, number>();
    const requestNode = new Map<number, number>();
    cls.forEach((c, i) => classNode.set(c, 2 + i));
    open.forEach((r, i) => requestNode.set(r, 2 + cls.length + i));
    const arc = new Map<string, number>();
    const classArcs = new Map<number, { request: number; arc: number; points: number }[]>();
    for (const c of cls) graph.addArc(source, classNode.get(c)!, classes[c]!.persons.length, 0);
    for (const c of cls) {
      const cl = classes[c]!;
      const list: { request: number; arc: number; points: number }[] = [];
      for (const r of open) {
        const request = requests[r]!;
        if (!eligible(settings, countyId, cl.sector, request)) continue;
        const points = pointsAt(settings, cl.sector, cl.skills, request).total;
        const a = graph.addArc(classNode.get(c)!, requestNode.get(r)!, cl.persons.length, -points);
        arc.set(`${c} ${r}`, a);
        list.push({ request: r, arc: a, points });
      }
      classArcs.set(c, list);
    }
    // Each request's free seats in fairness steps: seats of level L cost fairness × L each.
    for (const r of open) {
      const free = requests[r]!.freeSeats;
      const perLevel = new Array<number>(FAIRNESS_STEPS).fill(0);
      for (let L = 0; L < FAIRNESS_STEPS; L++) {
        // Seats k with floor(10 (k − 1) / free) = L: k − 1 in [ceil(L free / 10), ceil((L + 1) free / 10)).
        perLevel[L] = Math.ceil(((L + 1) * free) / FAIRNESS_STEPS) - Math.ceil((L * free) / FAIRNESS_STEPS);
      }
      if (settings.fairness === 0) graph.addArc(requestNode.get(r)!, sink, free, 0);
      else perLevel.forEach((count, L) => count > 0 && graph.addArc(requestNode.get(r)!, sink, count, settings.fairness * L));
    }
    const solveStarted = performance.now();
    const solved = graph.solve(source, sink, { skipPotentialUpdate: options.breakSolver });
    const check = graph.check(source, sink);
    solveMs += performance.now() - solveStarted;
    if (!check.ok && !options.breakSolver) {
      throw new LedgerError(
        'allocation_not_optimal',
        `allocation of county ${countyId} failed its optimality check: ${check.problems.join('; ')}`,
      );
    }
    totalArcs += graph.arcCount;
    totalAugmentations += solved.augmentations;
    networks.set(countyId, { graph, source, sink, classNode, requestNode, arc });

    // Hand out: a class's persons, in order, fill its requests by points (highest first, then
    // request id); those left over are unassigned.
    const proposed = new Map<number, number[]>();
    let assigned = 0;
    let crossSector = 0;
    let countyPersons = 0;
    const unassigned: Record<UnassignedReason, number> = {
      county_has_no_requests: 0,
      no_request_of_sector: 0,
      all_full_before: 0,
      seats_taken: 0,
    };
    const bySector = new Map<string, number>();
    for (const c of cls) {
      const cl = classes[c]!;
      countyPersons += cl.persons.length;
      const list = [...classArcs.get(c)!].sort((a, b) => b.points - a.points || requests[a.request]!.id - requests[b.request]!.id);
      let next = 0;
      for (const { request, arc: a } of list) {
        const f = graph.flow(a);
        let seats = proposed.get(request);
        if (!seats) proposed.set(request, (seats = []));
        for (let k = 0; k < f; k++) {
          const p = cl.persons[next++]!;
          personRequest[p] = request;
          seats.push(p);
        }
        if (requests[request]!.sector !== cl.sector) crossSector += f;
        assigned += f;
      }
      if (next < cl.persons.length) {
        const reason = unassignedReason(
          settings,
          countyId,
          cl.sector,
          reqs.map((r) => requests[r]!),
          classArcs.get(c)!.length > 0,
        );
        const code = UNASSIGNED_REASONS.indexOf(reason);
        for (let k = next; k < cl.persons.length; k++) personReason[cl.persons[k]!] = code;
        unassigned[reason] += cl.persons.length - next;
        const key = `${cl.sector}\u0001${reason}`;
        bySector.set(key, (bySector.get(key) ?? 0) + cl.persons.length - next);
      }
    }
    // Seats within a request: its persons in unit, then service number order.
    for (const seats of proposed.values()) {
      seats.sort(byPerson);
      seats.forEach((p, k) => (personSeat[p] = k + 1));
    }
    counties.push({
      countyId,
      persons: countyPersons,
      assigned,
      crossSector,
      unassigned,
      unassignedBySector: [...bySector]
        .map(([key, persons]) => {
          const [sector, reason] = key.split('\u0001') as [Sector, UnassignedReason];
          return { sector, reason, persons };
        })
        .sort(
          (a, b) =>
            SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector) ||
            UNASSIGNED_REASONS.indexOf(a.reason) - UNASSIGNED_REASONS.indexOf(b.reason),
        ),
      requests: reqs.map((r) => {
        const seats = proposed.get(r) ?? [];
        return {
          request: r,
          freeSeats: requests[r]!.freeSeats,
          proposed: seats.length,
          crossSector: seats.filter((p) => SECTORS[persons.sector[p]!] !== requests[r]!.sector).length,
        };
      }),
      objective: -solved.cost,
      classes: cls.length,
      arcs: graph.arcCount,
      augmentations: solved.augmentations,
    });
  }
  const totals = { persons: n, assigned: 0, unassigned: 0, crossSector: 0, objective: 0 };
  for (const c of counties) {
    totals.assigned += c.assigned;
    totals.crossSector += c.crossSector;
    totals.objective += c.objective;
  }
  totals.unassigned = n - totals.assigned;
  return {
    cohortId: input.cohortId,
    settings,
    inputHash: input.inputHash,
    input,
    classes,
    personClass,
    personRequest,
    personSeat,
    personReason,
    counties,
    networks,
    totals,
    solver: {
      ms: performance.now() - started,
      solveMs,
      classes: classes.length,
      arcs: totalArcs,
      augmentations: totalAugmentations,
      checked: true,
    },
  };
}

function unassignedReason(
  settings: AllocationSettings,
  countyId: number,
  sector: Sector,
  countyRequests: InputRequest[],
  hadOpenArcs: boolean,
): UnassignedReason {
  if (countyRequests.length === 0) return 'county_has_no_requests';
  const possible = countyRequests.filter((r) => eligible(settings, countyId, sector, r));
  if (possible.length === 0) return 'no_request_of_sector';
  if (!hadOpenArcs) return 'all_full_before';
  return 'seats_taken';
}

/**
 * The proposal as canonical text, one line per person (placement id, request id or '-', seat,
 * reason): two runs on the same ledger and settings give the same bytes.
 */
export function proposalText(result: AllocationResult): string {
  const { persons, requests } = result.input;
  const idx = Array.from({ length: persons.count }, (_, i) => i).sort((a, b) => persons.placementId[a]! - persons.placementId[b]!);
  const lines: string[] = [];
  for (const i of idx) {
    const r = result.personRequest[i]!;
    lines.push(
      `${persons.placementId[i]}\t${r < 0 ? '-' : requests[r]!.id}\t${result.personSeat[i]}\t${r < 0 ? UNASSIGNED_REASONS[result.personReason[i]!] : ''}`,
    );
  }
  return lines.join('\n');
}
