// Allocation test and bench support: seeded random instances of the model, and the same model
// written as an LP for HiGHS (an independent solver). The LP is built here from the input and the
// settings with its own code (points, fairness seats) — not from the engine's network — so a wrong
// network in the engine shows up as a different optimum.
import type { Sector } from '../../src/shared/domain';
import type { AllocationInput, InputRequest } from '../../src/main/allocation/input';
import type { AllocationSettings } from '../../src/main/allocation/settings';
import { rng } from '../../bench/lib/fill-ledger';

const SECTORS: Sector[] = ['local_factory', 'rural_housing', 'farm_team', 'other'];
const SKILLS = ['용접', '전기', '운전', '선반', '미장', '목공'];

export interface RandomShape {
  counties: number;
  maxRequests: number;
  maxPersons: number;
  maxHeadcount: number;
}

/** A random input (no ledger) and random settings, deterministic for a seed. */
export function randomInstance(seed: number, shape: RandomShape): { input: AllocationInput; settings: Partial<AllocationSettings> } {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const sectors = SECTORS.slice(0, int(1, 4));
  const countyIds = Array.from({ length: shape.counties }, (_, i) => 100 + i);
  const requests: InputRequest[] = [];
  let id = 1;
  for (const countyId of countyIds) {
    const count = r() < 0.15 ? 0 : int(0, shape.maxRequests);
    for (let k = 0; k < count; k++) {
      const headcount = int(1, shape.maxHeadcount);
      const taken = r() < 0.2 ? headcount : r() < 0.3 ? int(0, headcount) : 0;
      const skills = [...new Set(Array.from({ length: int(0, 2) }, () => pick(SKILLS)))];
      requests.push({
        id: id++,
        countyId,
        workplace: `작업장${id}`,
        sector: pick(sectors),
        skills,
        priority: r() < 0.1 ? int(10, 14) : int(1, 5),
        dev20x10: r() < 0.2,
        headcount,
        taken,
        freeSeats: headcount - taken,
      });
    }
  }
  const n = int(0, shape.maxPersons);
  const skillTexts = ['', '용접', '전기, 운전', '선반/용접', '미장、목공', '콤퓨터'];
  const unitTexts = ['', '제101군부대', '제202군부대', '제303군부대'];
  const persons = {
    count: n,
    placementId: new Int32Array(n),
    personId: new Int32Array(n),
    countyId: new Int32Array(n),
    sector: new Uint8Array(n),
    skill: new Int32Array(n),
    skillTexts,
    unit: new Int32Array(n),
    unitTexts,
    serviceNo: [] as string[],
  };
  const used = new Set<number>();
  for (let i = 0; i < n; i++) {
    persons.placementId[i] = 1000 + i * 3;
    persons.personId[i] = 5000 + i;
    persons.countyId[i] = pick(countyIds);
    persons.sector[i] = SECTORS.indexOf(pick(sectors));
    persons.skill[i] = int(0, skillTexts.length - 1);
    persons.unit[i] = int(0, unitTexts.length - 1);
    let s: number;
    do s = int(0, 99999);
    while (used.has(s));
    used.add(s);
    persons.serviceNo.push(`${String(s).padStart(5, '0')}`);
  }
  const settings: Partial<AllocationSettings> = {
    skillPoints: int(0, 40),
    priorityWeight: int(0, 20),
    dev20x10Points: int(0, 30),
    fairness: r() < 0.3 ? 0 : int(1, 20),
    otherSectorCounties: countyIds.filter(() => r() < 0.35),
    otherSectorCost: int(0, 150),
    keepUnits: r() < 0.3,
  };
  return {
    input: {
      cohortId: 1,
      countyIds,
      countyNames: new Map(countyIds.map((c) => [c, { ko: `${c}군`, en: `County ${c}` }])),
      requests,
      persons,
      inputHash: 'x',
    },
    settings,
  };
}

/** Persons grouped for the LP: each group interchangeable (by default, every person alone). */
export interface LpGroup {
  countyId: number;
  sector: Sector;
  skills: string[];
  count: number;
}

export function personGroups(input: AllocationInput): LpGroup[] {
  const p = input.persons;
  const out: LpGroup[] = [];
  for (let i = 0; i < p.count; i++) {
    const skills = p.skillTexts[p.skill[i]!]!.split(/[,，、;/]/)
      .map((s) => s.trim())
      .filter(Boolean);
    out.push({ countyId: p.countyId[i]!, sector: SECTORS[p.sector[i]!]!, skills, count: 1 });
  }
  return out;
}

/** Points of a person at a request, written out independently of the engine. */
function points(s: AllocationSettings, g: LpGroup, r: InputRequest): number {
  const have = new Set(g.skills);
  const matched = new Set(r.skills.filter((k) => have.has(k))).size;
  return (
    s.skillPoints * matched +
    s.priorityWeight * Math.max(0, 10 - r.priority) +
    (r.dev20x10 ? s.dev20x10Points : 0) -
    (r.sector === g.sector ? 0 : s.otherSectorCost)
  );
}

/** The k-th seat (1-based) of a request with `free` seats costs fairness × floor(10 (k − 1) / free). */
export function seatCost(s: AllocationSettings, k: number, free: number): number {
  return s.fairness * Math.floor((10 * (k - 1)) / free);
}

/**
 * Two LPs in CPLEX LP format: `count` maximises the persons placed; `cost(placed)` minimises
 * −points + fairness with exactly `placed` persons placed. Null when there is no variable.
 */
export function lpModels(
  input: AllocationInput,
  s: AllocationSettings,
  groups: LpGroup[],
): { count: string; cost: (placed: number) => string } | null {
  const x: { name: string; group: number; request: number; cost: number }[] = [];
  const y: { name: string; request: number; cap: number; cost: number }[] = [];
  groups.forEach((g, gi) => {
    input.requests.forEach((r, ri) => {
      if (r.freeSeats <= 0 || r.countyId !== g.countyId) return;
      if (r.sector !== g.sector && !s.otherSectorCounties.includes(g.countyId)) return;
      x.push({ name: `x${x.length}`, group: gi, request: ri, cost: -points(s, g, r) });
    });
  });
  if (x.length === 0) return null;
  input.requests.forEach((r, ri) => {
    if (r.freeSeats <= 0) return;
    const byCost = new Map<number, number>();
    for (let k = 1; k <= r.freeSeats; k++) byCost.set(seatCost(s, k, r.freeSeats), (byCost.get(seatCost(s, k, r.freeSeats)) ?? 0) + 1);
    for (const [cost, cap] of byCost) y.push({ name: `y${y.length}`, request: ri, cap, cost });
  });
  const sum = (terms: string[]) => {
    const lines: string[] = [];
    for (let i = 0; i < terms.length; i += 8) lines.push(terms.slice(i, i + 8).join(' '));
    return lines.join('\n   ');
  };
  const signed = (c: number, v: string) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${v}`;
  const rows: string[] = [];
  const byGroup = new Map<number, string[]>();
  const byRequest = new Map<number, string[]>();
  for (const v of x) {
    (byGroup.get(v.group) ?? byGroup.set(v.group, []).get(v.group)!).push(`+ ${v.name}`);
    (byRequest.get(v.request) ?? byRequest.set(v.request, []).get(v.request)!).push(`+ ${v.name}`);
  }
  for (const v of y) (byRequest.get(v.request) ?? byRequest.set(v.request, []).get(v.request)!).push(`- ${v.name}`);
  for (const [g, terms] of byGroup) rows.push(` g${g}: ${sum(terms)} <= ${groups[g]!.count}`);
  for (const [r, terms] of byRequest) rows.push(` r${r}: ${sum(terms)} = 0`);
  const bounds = y.map((v) => ` ${v.name} <= ${v.cap}`).join('\n');
  const body = (extra: string) => `Subject To\n${rows.join('\n')}\n${extra}Bounds\n${bounds}\nEnd\n`;
  return {
    count: `Maximize\n obj: ${sum(x.map((v) => `+ ${v.name}`))}\n${body('')}`,
    cost: (placed) =>
      `Minimize\n obj: ${sum([...x.map((v) => signed(v.cost, v.name)), ...y.map((v) => signed(v.cost, v.name))])}\n${body(` placed: ${sum(x.map((v) => `+ ${v.name}`))} = ${placed}\n`)}`,
  };
}

type Highs = { solve(problem: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number } };
let highsPromise: Promise<Highs> | null = null;

export function loadHighs(): Promise<Highs> {
  highsPromise ??= import('highs').then((module) => (module.default as unknown as (o?: unknown) => Promise<Highs>)());
  return highsPromise;
}

/** HiGHS's optimum of the model: persons placed, then the least cost (−points + fairness). */
export async function highsOptimum(
  input: AllocationInput,
  s: AllocationSettings,
  groups: LpGroup[],
): Promise<{ placed: number; cost: number; ms: number }> {
  const models = lpModels(input, s, groups);
  if (models === null) return { placed: 0, cost: 0, ms: 0 };
  const highs = await loadHighs();
  const t0 = performance.now();
  const first = highs.solve(models.count, { output_flag: false });
  if (first.Status !== 'Optimal') throw new Error(`HiGHS count: ${first.Status}`);
  const placed = Math.round(first.ObjectiveValue);
  const second = highs.solve(models.cost(placed), { output_flag: false });
  if (second.Status !== 'Optimal') throw new Error(`HiGHS cost: ${second.Status}`);
  return { placed, cost: second.ObjectiveValue, ms: performance.now() - t0 };
}
