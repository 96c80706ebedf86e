import { readRegionsCsv, seedRegions } from '../../regions/seed';
import type { Migration } from '../migration-types';

// Provinces and their cities, counties and districts, from resources/regions/dprk_regions.csv.
export const migration0002: Migration = {
  version: 2,
  name: 'seed-regions',
  up(db, context) {
    seedRegions(db, readRegionsCsv(context.resourcesDir));
  },
};
