// The province as tiles, not as a map: no boundary data is licensed to us (and none is published
// for the DPRK's counties), so each city/county of the province gets one square tile. The layout
// is derived from the regions list alone: tiles follow the list's order (cities first, then
// counties, then districts and workers' districts — types in that order, each in list order), row
// by row, ⌈√n⌉ tiles wide, so every province makes a near-square block and a clerk finds a county
// by reading, as on the printed list. A tile's place says nothing about geography.
import type { RegionType } from '../../../../shared/domain';

export interface TileUnit {
  code: string;
  type: RegionType;
}

export interface Tile<U extends TileUnit> {
  unit: U;
  col: number;
  row: number;
}

const TYPE_ORDER: Record<RegionType, number> = { city: 0, county: 1, district: 2, workers_district: 3 };

/** Tiles for the units of one province, given in the regions list's order. */
export function tileLayout<U extends TileUnit>(units: readonly U[]): { tiles: Tile<U>[]; cols: number; rows: number } {
  const ordered = units
    .map((unit, index) => ({ unit, index }))
    .sort((a, b) => TYPE_ORDER[a.unit.type] - TYPE_ORDER[b.unit.type] || a.index - b.index)
    .map((x) => x.unit);
  const cols = Math.max(1, Math.ceil(Math.sqrt(ordered.length)));
  const tiles = ordered.map((unit, i) => ({ unit, col: i % cols, row: Math.floor(i / cols) }));
  return { tiles, cols, rows: Math.max(1, Math.ceil(ordered.length / cols)) };
}
