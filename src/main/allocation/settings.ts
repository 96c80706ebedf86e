// The settings of an allocation run: the points of the office's preferences (docs/allocation.md).
// Every value has a safe default and a range; a value out of range is refused with a sentence
// (allocation_setting_out_of_range), never clamped silently. A run stores the settings it used.
import type { AllocationSettingsData } from '../../shared/api/allocation.contract';
import { LedgerError } from '../../shared/errors';

/** The settings of a run: the contract's shape (field by field documented there). */
export type AllocationSettings = AllocationSettingsData;

export const DEFAULT_SETTINGS: Readonly<AllocationSettings> = Object.freeze({
  skillPoints: 30,
  priorityWeight: 10,
  dev20x10Points: 20,
  fairness: 5,
  otherSectorCounties: [],
  otherSectorCost: 100,
  keepUnits: false,
});

/** Ranges of the numeric settings (whole numbers, both ends included). */
export const SETTING_RANGES = {
  skillPoints: [0, 1000],
  priorityWeight: [0, 1000],
  dev20x10Points: [0, 1000],
  fairness: [0, 1000],
  otherSectorCost: [0, 10000],
} as const satisfies Record<string, readonly [number, number]>;

export type NumericSetting = keyof typeof SETTING_RANGES;

/** Fairness tenths: the free seats of a request are cut into this many steps. */
export const FAIRNESS_STEPS = 10;
/** Priorities from this one on earn no priority points. */
export const PRIORITY_SPAN = 10;

function outOfRange(setting: string, value: unknown, min: number | null, max: number | null): LedgerError {
  return new LedgerError('allocation_setting_out_of_range', `allocation setting ${setting} = ${String(value)} is out of range`, {
    setting,
    min,
    max,
  });
}

/** The settings to run with: defaults for what is missing; throws on a value out of range. */
export function resolveSettings(partial: Partial<AllocationSettings> = {}): AllocationSettings {
  const out: AllocationSettings = { ...DEFAULT_SETTINGS, otherSectorCounties: [...DEFAULT_SETTINGS.otherSectorCounties] };
  for (const key of Object.keys(SETTING_RANGES) as NumericSetting[]) {
    const value = partial[key];
    if (value === undefined) continue;
    const [min, max] = SETTING_RANGES[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw outOfRange(key, value, min, max);
    out[key] = value;
  }
  if (partial.keepUnits !== undefined) {
    if (typeof partial.keepUnits !== 'boolean') throw outOfRange('keepUnits', partial.keepUnits, null, null);
    out.keepUnits = partial.keepUnits;
  }
  if (partial.otherSectorCounties !== undefined) {
    const list = partial.otherSectorCounties;
    if (!Array.isArray(list) || list.some((id) => !Number.isSafeInteger(id) || id <= 0))
      throw outOfRange('otherSectorCounties', list, null, null);
    out.otherSectorCounties = [...new Set(list)].sort((a, b) => a - b);
  }
  return out;
}
