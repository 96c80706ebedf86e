// Why a person got this workplace (or none), as data: the points of the chosen request part by
// part, the rules that ruled other requests out, and the requests not taken with what taking
// them would cost — read from the solved network's potentials (dual values). Sentences for a
// clerk are made from this in shared/i18n/allocation.ts.
import { SECTORS, type Language, type Sector } from '../../shared/domain';
import { messages } from '../../shared/i18n';
import { explanationSentences, type ExplanationWords } from '../../shared/i18n/allocation';
import {
  eligible,
  fairnessLevel,
  pointsAt,
  UNASSIGNED_REASONS,
  type AllocationResult,
  type PointsBreakdown,
  type UnassignedReason,
} from './allocate';

export interface ChosenRequest {
  /** Index into input.requests. */
  request: number;
  points: PointsBreakdown;
  /** The person's seat among this run's persons of the request (1-based) and its free seats. */
  seat: number;
  freeSeats: number;
  /** Fairness tenth of that seat (0..9) and its cost in points. */
  fairnessLevel: number;
  fairnessCost: number;
  /** points.total − fairnessCost. */
  net: number;
  crossSector: boolean;
}

export interface Alternative {
  request: number;
  points: PointsBreakdown;
  /** More points for this person than the chosen request (any request, for one without). */
  betterLooking: boolean;
  /**
   * How much the whole proposal would lose (points) if this person went there instead, the
   * others rearranged at best; null when it cannot be done without leaving another person
   * without a workplace.
   */
  loss: number | null;
  /** What the person would gain in points there (points here − points at the chosen request). */
  gainForPerson: number;
  /** loss + gainForPerson: what the others (and the workplaces' fairness) would give up. */
  costToOthers: number | null;
  /** loss = 0: an equally good proposal sends this person there. */
  equallyGood: boolean;
  /** Persons alike (same class) that this run sent there. */
  alikeThere: number;
}

export interface PersonExplanation {
  person: number;
  placementId: number;
  countyId: number;
  sector: Sector;
  /** The person's skills that some request of the county wants. */
  skills: string[];
  chosen: ChosenRequest | null;
  unassignedReason: UnassignedReason | null;
  ruledOut: {
    /** Requests of the term in other cities/counties (in this run's scope). */
    otherCounty: number;
    /** Requests of the county in another sector, not allowed for this county. */
    otherSector: number[];
    /** Requests the person could go to whose seats were all assigned before the run. */
    full: number[];
  };
  /** Requests the person could have gone to, not chosen: most points first. */
  alternatives: Alternative[];
  equallyGoodExists: boolean;
}

/** Explains one person (index into input.persons) of a run. */
export function explainPerson(result: AllocationResult, person: number): PersonExplanation {
  const { input, settings } = result;
  const { persons, requests } = input;
  const c = result.personClass[person]!;
  const cl = result.classes[c]!;
  const countyId = persons.countyId[person]!;
  const chosenIndex = result.personRequest[person]!;
  const network = result.networks.get(countyId)!;
  const { graph } = network;

  let chosen: ChosenRequest | null = null;
  if (chosenIndex >= 0) {
    const request = requests[chosenIndex]!;
    const points = pointsAt(settings, cl.sector, cl.skills, request);
    const seat = result.personSeat[person]!;
    const level = fairnessLevel(seat, request.freeSeats);
    const fairnessCost = settings.fairness * level;
    chosen = {
      request: chosenIndex,
      points,
      seat,
      freeSeats: request.freeSeats,
      fairnessLevel: level,
      fairnessCost,
      net: points.total - fairnessCost,
      crossSector: request.sector !== cl.sector,
    };
  }

  const ruledOut = { otherCounty: 0, otherSector: [] as number[], full: [] as number[] };
  const alternatives: Alternative[] = [];
  const classNode = network.classNode.get(c)!;
  const chosenPoints = chosen?.points.total ?? 0;
  requests.forEach((request, r) => {
    if (request.countyId !== countyId) {
      ruledOut.otherCounty++;
      return;
    }
    if (!eligible(settings, countyId, cl.sector, request)) {
      ruledOut.otherSector.push(r);
      return;
    }
    if (request.freeSeats <= 0) {
      ruledOut.full.push(r);
      return;
    }
    if (r === chosenIndex) return;
    const arc = network.arc.get(`${c} ${r}`)!;
    const points = pointsAt(settings, cl.sector, cl.skills, request);
    // One more person of this class through arc c → r, the rest rerouted at least cost: the
    // cheapest cycle through the arc = its reduced cost + the residual distance from r back to c.
    const back = graph.residualDistances(network.requestNode.get(r)!)[classNode]!;
    const loss = graph.residual(arc) > 0 && Number.isFinite(back) ? graph.reducedCost(arc) + back : null;
    const gainForPerson = points.total - chosenPoints;
    alternatives.push({
      request: r,
      points,
      betterLooking: chosen === null || points.total > chosenPoints,
      loss,
      gainForPerson,
      costToOthers: loss === null ? null : loss + gainForPerson,
      equallyGood: loss === 0,
      alikeThere: graph.flow(arc),
    });
  });
  alternatives.sort((a, b) => b.points.total - a.points.total || requests[a.request]!.id - requests[b.request]!.id);
  const reason = result.personReason[person]!;
  return {
    person,
    placementId: persons.placementId[person]!,
    countyId,
    sector: SECTORS[persons.sector[person]!]!,
    skills: cl.skills,
    chosen,
    unassignedReason: reason >= 0 ? UNASSIGNED_REASONS[reason]! : null,
    ruledOut,
    alternatives,
    equallyGoodExists: alternatives.some((a) => a.equallyGood),
  };
}

/** The person index of a placement in a run, or −1. */
export function personOfPlacement(result: AllocationResult, placementId: number): number {
  const ids = result.input.persons.placementId;
  for (let i = 0; i < ids.length; i++) if (ids[i] === placementId) return i;
  return -1;
}

/** An explanation with names instead of indices, for the sentences of shared/i18n/allocation.ts. */
export function explanationWords(result: AllocationResult, e: PersonExplanation, language: Language): ExplanationWords {
  const { requests, countyNames } = result.input;
  const workplace = (r: number) => requests[r]!.workplace;
  const sectors = messages[language].import.sectors;
  const c = e.chosen;
  return {
    county: countyNames.get(e.countyId)?.[language] ?? '',
    sector: e.sector,
    sectorName: (sector) => sectors[sector],
    chosen: c && {
      ...c.points,
      workplace: workplace(c.request),
      sector: requests[c.request]!.sector,
      seat: c.seat,
      freeSeats: c.freeSeats,
      fairnessCost: c.fairnessCost,
      net: c.net,
      crossSector: c.crossSector,
    },
    unassignedReason: e.unassignedReason,
    ruledOut: {
      otherCounty: e.ruledOut.otherCounty,
      otherSector: e.ruledOut.otherSector.map(workplace),
      full: e.ruledOut.full.map(workplace),
    },
    alternatives: e.alternatives.map((a) => ({
      workplace: workplace(a.request),
      points: a.points.total,
      betterLooking: a.betterLooking,
      gain: a.gainForPerson,
      loss: a.loss,
      costToOthers: a.costToOthers,
      equallyGood: a.equallyGood,
      alikeThere: a.alikeThere,
    })),
  };
}

/** The clerk's sentences for one person of a run. */
export function explainInWords(result: AllocationResult, person: number, language: Language): string[] {
  return explanationSentences(explanationWords(result, explainPerson(result, person), language), language);
}
