// Allocation vocabulary shared by main (the engine) and the sentences in i18n/allocation.ts.

/** The points one person earns at one request, part by part. */
export interface PointsBreakdown {
  /** Skills the request wants that the person has. */
  skills: string[];
  skillPoints: number;
  priority: number;
  priorityPoints: number;
  dev20x10Points: number;
  /** Points taken off for another sector (0 for the same sector). */
  otherSectorCost: number;
  /** skillPoints + priorityPoints + dev20x10Points − otherSectorCost. */
  total: number;
}

export const UNASSIGNED_REASONS = [
  /** The city/county has no requests in this term at all. */
  'county_has_no_requests',
  /** The city/county has requests, none of the person's sector (and no other sector allowed). */
  'no_request_of_sector',
  /** Requests the person could go to exist, but their seats were all assigned before the run. */
  'all_full_before',
  /** Requests the person could go to had free seats, but this run gave them all to others. */
  'seats_taken',
] as const;
export type UnassignedReason = (typeof UNASSIGNED_REASONS)[number];
