// The allocation calls (작업장 배정, issue 13): input schema and result type of each (see define.ts).
// Flow of the page: listAllocationTerms → getAllocationSettings (defaults, ranges, the term's
// cities/counties, the pins kept) → startAllocation (a job: poll getJob, cancelJob; its result is
// the proposal, already recorded as a run) → explainAllocation for any person → setAllocationPins /
// moveInProposal (the proposal changes in place; run again to re-optimise around the pins) →
// acceptAllocation (one `allocate` operation: Ctrl+Z or the grid's `undo` call takes it back) or
// discardAllocation → exportAllocationProposal (a print-ready workbook for the committee).
// Ids (runId, countyId, requestId, placementId) are keys only; every text the page shows comes as
// words (names in ko and en, sectors as codes the page translates, reasons as codes with sentences
// in i18n/allocation.ts).
import { z } from 'zod';
import type { PointsBreakdown, UnassignedReason } from '../allocation';
import { LANGUAGES, type Sector, type Term } from '../domain';
import type { ALLOCATION_CALLS } from './allocation.names';
import { call, type AnyCallSpec } from './define';
import { jobKind, type JobStatus } from './jobs';

/** The settings of a run (docs/allocation.md, "Points"). */
export interface AllocationSettingsData {
  /** Points for each skill a request wants that the person has. */
  skillPoints: number;
  /** Points per priority step: a request of priority p earns priorityWeight × (10 − min(p, 10)). */
  priorityWeight: number;
  /** Points of a 20×10 (regional development) workplace. */
  dev20x10Points: number;
  /**
   * Fairness: a request's free seats are cut into 10 tenths; a seat in tenth L (0..9) costs
   * fairness × L points, so each further tenth of a workplace costs more than the one before.
   * 0 turns fairness off.
   */
  fairness: number;
  /** Cities/counties (region ids) where a person may go to a request of another sector. */
  otherSectorCounties: number[];
  /** Points taken off an assignment to a request of another sector than the person's. */
  otherSectorCost: number;
  /** Persons of one unit form their own classes, and a class's persons stay in unit order. */
  keepUnits: boolean;
}

export type NumericAllocationSetting = 'skillPoints' | 'priorityWeight' | 'dev20x10Points' | 'fairness' | 'otherSectorCost';

/** A term the clerk may allocate. */
export interface AllocationTerm {
  cohortId: number;
  year: number;
  term: Term;
  /** Placements of the term waiting for a workplace (proposed or decided, no request). */
  waiting: number;
  /** Requests of the term (not cancelled or closed) and their free seats. */
  requests: number;
  freeSeats: number;
  /** The term a run takes when none is chosen (the newest with data). */
  newest: boolean;
  /** The newest run of the term, if any. */
  lastRun: AllocationRunSummary | null;
}

export interface AllocationCountyChoice {
  countyId: number;
  nameKo: string;
  nameEn: string;
  provinceKo: string;
  provinceEn: string;
  waiting: number;
  requests: number;
  freeSeats: number;
}

export interface AllocationPin {
  placementId: number;
  serviceNo: string;
  name: string;
  countyId: number;
  /** null: the clerk keeps the person without a workplace. */
  requestId: number | null;
  workplace: string | null;
  clerk: string;
}

export interface AllocationSettingsInfo {
  cohortId: number;
  year: number;
  term: Term;
  defaults: AllocationSettingsData;
  /** Both ends included; whole numbers only. */
  ranges: Record<NumericAllocationSetting, { min: number; max: number }>;
  counties: AllocationCountyChoice[];
  /** Pins kept for the term: every run honours them. */
  pins: AllocationPin[];
}

/** Why a person of a proposal has no workplace: the engine's reasons, or the clerk's pin. */
export type AllocationUnassignedReason = UnassignedReason | 'kept_unassigned';

export interface AllocationPersonView {
  placementId: number;
  personId: number;
  serviceNo: string;
  name: string;
  /** The Bureau's sector for the person. */
  sector: Sector;
  skill: string | null;
  unit: string | null;
  rank: string | null;
  /** The proposed request, or null. */
  requestId: number | null;
  /** Proposed for a request of another sector (allowed for the county by the settings). */
  crossSector: boolean;
  /** Pinned by the clerk (kept where it is by every run). */
  pinned: boolean;
  /** Moved by hand in this proposal. */
  moved: boolean;
  /** Why without a workplace (null when proposed for one). */
  reason: AllocationUnassignedReason | null;
}

export interface AllocationRequestView {
  requestId: number;
  workplace: string;
  sector: Sector;
  skills: string[];
  priority: number;
  dev20x10: boolean;
  /** Asked for (요구인원). */
  headcount: number;
  /** Seats assigned before the run (not by this proposal). */
  takenBefore: number;
  /** headcount − takenBefore, at least 0. */
  freeSeats: number;
  /** Persons this proposal sends there. */
  proposed: number;
  /** (takenBefore + proposed) / headcount, 0…1 (0 for a headcount of 0). */
  fillRate: number;
  crossSector: number;
  /** Empty when the county's persons are not included (see AllocationCountyView.personsIncluded). */
  persons: AllocationPersonView[];
}

export interface AllocationCountyView {
  countyId: number;
  nameKo: string;
  nameEn: string;
  provinceKo: string;
  provinceEn: string;
  /** Persons of the proposal in the county (pinned ones included). */
  persons: number;
  assigned: number;
  unassigned: number;
  crossSector: number;
  objective: number;
  /** The county has persons but no request in the term: nothing is written for it. */
  noRequests: boolean;
  requests: AllocationRequestView[];
  /** Unassigned persons by sector and reason. */
  unassignedBy: { sector: Sector; reason: AllocationUnassignedReason; persons: number }[];
  /** Persons without a workplace (empty when not included). */
  unassignedPersons: AllocationPersonView[];
  /**
   * Whether `requests[].persons` and `unassignedPersons` are filled. A large proposal comes without
   * them; getAllocationProposal with `countyIds` gives them for the counties asked.
   */
  personsIncluded: boolean;
}

export type AllocationRunState = 'proposed' | 'accepted' | 'discarded' | 'undone';

export interface AllocationRunSummary {
  runId: number;
  cohortId: number;
  year: number;
  term: Term;
  state: AllocationRunState;
  /** ISO time of the run (the page formats it). */
  createdAt: string;
  clerk: string;
  /** ISO time of acceptance, or null. */
  acceptedAt: string | null;
  /** The `allocate` operation that wrote it, or null. */
  operationId: number | null;
  /** Cities/counties chosen (empty: all). */
  countyIds: number[];
  persons: number;
  assigned: number;
  unassigned: number;
  crossSector: number;
  objective: number;
}

export interface AllocationTotals {
  persons: number;
  assigned: number;
  unassigned: number;
  crossSector: number;
  objective: number;
  requests: number;
  freeSeats: number;
  pinned: number;
  moved: number;
  /** Counties with persons and no requests (reported, nothing written for them). */
  countiesWithoutRequests: number;
}

export interface AllocationSolverFigures {
  ms: number;
  solveMs: number;
  classes: number;
  arcs: number;
  augmentations: number;
  /** The run checked its own optimality conditions. */
  checked: boolean;
}

export interface AllocationProposal {
  run: AllocationRunSummary;
  settings: AllocationSettingsData;
  totals: AllocationTotals;
  solver: AllocationSolverFigures;
  counties: AllocationCountyView[];
}

export interface AllocationExplanation {
  runId: number;
  placementId: number;
  serviceNo: string;
  name: string;
  countyKo: string;
  countyEn: string;
  sector: Sector;
  /** The clerk's sentences, in the language asked (Korean first by default). */
  sentences: string[];
  /** The chosen request's points part by part (PointsBreakdown), its seat and fairness cost. */
  chosen:
    | null
    | (PointsBreakdown & {
        requestId: number;
        workplace: string;
        sector: Sector;
        fairnessCost: number;
        seat: number;
        freeSeats: number;
        net: number;
        crossSector: boolean;
      });
  reason: AllocationUnassignedReason | null;
  ruledOut: { otherCounty: number; otherSector: string[]; full: string[] };
  alternatives: {
    requestId: number;
    workplace: string;
    points: number;
    betterLooking: boolean;
    gainForPerson: number;
    loss: number | null;
    costToOthers: number | null;
    equallyGood: boolean;
    alikeThere: number;
  }[];
  equallyGoodExists: boolean;
  pinned: boolean;
  moved: boolean;
}

export interface AllocationAcceptResult {
  runId: number;
  operationId: number;
  /** Placements given a workplace. */
  assigned: number;
}

export interface AllocationExportResult {
  path: string;
  fileName: string;
  bytes: number;
  counties: number;
  persons: number;
}

/** The allocation job's kind: the page picks a running allocation up again by its id and this kind. */
export const ALLOCATION_JOB = jobKind<AllocationProposal>('allocation');

const id = z.number().int().positive();
const setting = z.number();

/** Settings as the page sends them: any subset; main checks ranges (allocation_setting_out_of_range). */
export const allocationSettingsSchema = z
  .object({
    skillPoints: setting,
    priorityWeight: setting,
    dev20x10Points: setting,
    fairness: setting,
    otherSectorCounties: z.array(id).max(1000),
    otherSectorCost: setting,
    keepUnits: z.boolean(),
  })
  .partial()
  .strict();

export const startAllocationSchema = z
  .object({
    /** The term; default the newest with data. */
    cohortId: id.optional(),
    /** Only these cities/counties; empty = all. */
    countyIds: z.array(id).max(1000).default([]),
    settings: allocationSettingsSchema.default({}),
  })
  .strict();

export type StartAllocationInput = z.output<typeof startAllocationSchema>;

const runIdSchema = z.object({ runId: id }).strict();

export const allocationContract = {
  listAllocationTerms: call<{ terms: AllocationTerm[] }>()(z.object({}).strict()),
  getAllocationSettings: call<AllocationSettingsInfo>()(z.object({ cohortId: id.optional() }).strict()),
  /** Starts the allocation job (kind ALLOCATION_JOB); its result (getJob) is the AllocationProposal. */
  startAllocation: call<JobStatus<AllocationProposal>>()(startAllocationSchema),
  listAllocationRuns: call<{ runs: AllocationRunSummary[] }>()(z.object({ cohortId: id.optional() }).strict()),
  /** A recorded run's proposal; persons included for `countyIds` (or for all when small). */
  getAllocationProposal: call<AllocationProposal>()(z.object({ runId: id, countyIds: z.array(id).max(1000).optional() }).strict()),
  explainAllocation: call<AllocationExplanation>()(
    z.object({ runId: id, placementId: id, language: z.enum(LANGUAGES).default('ko') }).strict(),
  ),
  /**
   * Pins of a term: `set` pins placements (to a request, or requestId null = keep without a
   * workplace); `clear` unpins. Answers every pin of the term.
   */
  setAllocationPins: call<{ pins: AllocationPin[] }>()(
    z
      .object({
        cohortId: id,
        set: z
          .array(z.object({ placementId: id, requestId: id.nullable() }).strict())
          .max(100000)
          .default([]),
        clear: z.array(id).max(100000).default([]),
      })
      .strict(),
  ),
  /**
   * Moves a person by hand within a proposed run (requestId null: no workplace). The person is
   * pinned there too, so a new run keeps the choice. Answers the changed county and the totals.
   */
  moveInProposal: call<{ county: AllocationCountyView; totals: AllocationTotals }>()(
    z.object({ runId: id, placementId: id, requestId: id.nullable() }).strict(),
  ),
  /** Writes the run as one `allocate` operation (undo: the grid's `undo` call / Ctrl+Z). */
  acceptAllocation: call<AllocationAcceptResult>()(runIdSchema),
  discardAllocation: call<AllocationRunSummary>()(runIdSchema),
  exportAllocationProposal: call<AllocationExportResult>()(
    z
      .object({
        runId: id,
        folder: z.string().trim().min(1).max(1024),
        language: z.enum(LANGUAGES).default('ko'),
        /** Replace a file of the same name (the clerk agreed). */
        overwrite: z.boolean().default(false),
      })
      .strict(),
  ),
} satisfies Record<(typeof ALLOCATION_CALLS)[number], AnyCallSpec>;
