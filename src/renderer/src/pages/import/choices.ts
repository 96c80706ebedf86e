// What the clerk chose in the import wizard beyond the detected layout, and how those choices
// become the import call's options. Its own module: every step reads it, and the page imports
// the steps.
import type { ImportField, ImportOptionsInput } from '../../../../shared/api/import.contract';

export type Step = 'file' | 'layout' | 'check' | 'commit';
export const STEPS: Step[] = ['file', 'layout', 'check', 'commit'];

/** What the clerk chose beyond the detected layout. */
export interface Choices {
  kind: 'auto' | 'decision' | 'requests';
  sheet?: string;
  headerRow?: number;
  encoding: 'auto' | 'utf8' | 'cp949';
  mapping: Record<string, ImportField | null>;
  countyChoices: Record<string, string>;
  year?: number;
  term?: 'spring' | 'summer' | 'fall';
  province?: string;
  /** Read every sheet with the chosen sheet's header (default), or the chosen sheet alone. */
  allSheets?: boolean;
  /** Sheets with the header the clerk left out (the dry run's sheet list). */
  skipSheets?: string[];
}

export const NO_CHOICES: Choices = { kind: 'auto', encoding: 'auto', mapping: {}, countyChoices: {} };

export function optionsOf(choices: Choices, withMapping = true): ImportOptionsInput {
  const o: ImportOptionsInput = { kind: choices.kind, encoding: choices.encoding };
  if (choices.sheet !== undefined) o.sheet = choices.sheet;
  if (choices.headerRow !== undefined) o.headerRow = choices.headerRow;
  if (choices.allSheets === false && choices.sheet !== undefined) o.sheets = [choices.sheet];
  else if (choices.skipSheets !== undefined && choices.skipSheets.length > 0) o.skipSheets = choices.skipSheets;
  if (withMapping && Object.keys(choices.mapping).length > 0) o.mapping = choices.mapping;
  if (Object.keys(choices.countyChoices).length > 0) o.countyChoices = choices.countyChoices;
  if (choices.year !== undefined) o.year = choices.year;
  if (choices.term !== undefined) o.term = choices.term;
  if (choices.province !== undefined) o.province = choices.province;
  return o;
}
