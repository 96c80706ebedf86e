// "Open in Placements": the Placements grid opens filtered to the persons a row of the proposal
// speaks of — the term, the city/county and the sector, and the workplace (or «no workplace»).
// The grid reads its filters from its remembered view when it opens, so the page writes the
// filters into that view (keeping the clerk's columns and widths) and then goes there. The filters
// are words the clerk can read and clear in the grid (term, city/county and sector by name).
import { call } from '../../api';
import { hrefOf } from '../../routes';

export interface PlacementsFilter {
  /** The term as the grid's cohort filter reads it ("2027 봄", "2027 spring"). */
  term: string;
  county: string;
  sector: string;
  /** A workplace name, or null for the persons without a workplace. */
  workplace: string | null;
}

const text = (filter: string) => ({ filterType: 'text', type: 'equals', filter });

export async function openInPlacements(f: PlacementsFilter): Promise<void> {
  const { state } = await call('getGridView', { grid: 'placements' });
  const filters = {
    cohort: text(f.term),
    dest_county: text(f.county),
    sector: text(f.sector),
    workplace: f.workplace === null ? { filterType: 'text', type: 'blank' } : text(f.workplace),
  };
  // The quick search would narrow the rows further without the clerk seeing why: cleared.
  await call('saveGridView', { grid: 'placements', state: { ...(state ?? {}), filters, search: '' } });
  window.location.hash = hrefOf('placements');
}
