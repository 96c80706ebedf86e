// What the clerk chooses before a run: the term, the cities/counties (all, or some), and the
// settings (starting from main's defaults, checked against main's ranges before anything is sent).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  AllocationPin,
  AllocationSettingsData,
  AllocationSettingsInfo,
  AllocationTerm,
  NumericAllocationSetting,
} from '../../../../shared/api/allocation.contract';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call, toErrorData } from '../../api';

export const NUMERIC_SETTINGS: readonly NumericAllocationSetting[] = [
  'skillPoints',
  'priorityWeight',
  'dev20x10Points',
  'fairness',
  'otherSectorCost',
];

/** What the clerk typed in a number box: kept as text until it is a whole number in range. */
export type SettingDrafts = Record<NumericAllocationSetting, string>;

export interface AllocationScope {
  terms: AllocationTerm[] | null;
  cohortId: number | null;
  setCohortId(id: number): void;
  info: AllocationSettingsInfo | null;
  loadError: LedgerErrorData | null;
  /** null: every city/county of the term. */
  chosenCounties: Set<number> | null;
  setChosenCounties(next: Set<number> | null): void;
  drafts: SettingDrafts;
  setDraft(key: NumericAllocationSetting, value: string): void;
  otherSectorCounties: Set<number>;
  setOtherSectorCounties(next: Set<number>): void;
  keepUnits: boolean;
  setKeepUnits(on: boolean): void;
  resetSettings(): void;
  /** Settings whose text is not a whole number within its range. */
  invalid: NumericAllocationSetting[];
  /** The settings to send, or null while one is out of range. */
  settings: AllocationSettingsData | null;
  pins: AllocationPin[];
  setPins(pins: AllocationPin[]): void;
  reloadTerms(): void;
}

const draftsOf = (s: AllocationSettingsData): SettingDrafts => ({
  skillPoints: String(s.skillPoints),
  priorityWeight: String(s.priorityWeight),
  dev20x10Points: String(s.dev20x10Points),
  fairness: String(s.fairness),
  otherSectorCost: String(s.otherSectorCost),
});

const EMPTY_DRAFTS: SettingDrafts = { skillPoints: '', priorityWeight: '', dev20x10Points: '', fairness: '', otherSectorCost: '' };

/** The newest term with persons waiting for a workplace (main's newest may hold only requests). */
function defaultTerm(terms: AllocationTerm[]): AllocationTerm | undefined {
  const waiting = terms.filter((t) => t.waiting > 0);
  return waiting.find((t) => t.newest) ?? waiting[0] ?? terms.find((t) => t.newest) ?? terms[0];
}

export function useAllocationScope(): AllocationScope {
  const [terms, setTerms] = useState<AllocationTerm[] | null>(null);
  const [cohortId, setCohortIdState] = useState<number | null>(null);
  const [info, setInfo] = useState<AllocationSettingsInfo | null>(null);
  const [loadError, setLoadError] = useState<LedgerErrorData | null>(null);
  const [chosenCounties, setChosenCounties] = useState<Set<number> | null>(null);
  const [drafts, setDrafts] = useState<SettingDrafts>(EMPTY_DRAFTS);
  const [otherSectorCounties, setOtherSectorCounties] = useState<Set<number>>(new Set());
  const [keepUnits, setKeepUnits] = useState(false);
  const [pins, setPins] = useState<AllocationPin[]>([]);
  const [termsVersion, setTermsVersion] = useState(0);

  useEffect(() => {
    let live = true;
    call('listAllocationTerms', {})
      .then(({ terms: list }) => {
        if (!live) return;
        setTerms(list);
        setCohortIdState((current) => current ?? defaultTerm(list)?.cohortId ?? null);
      })
      .catch((error: unknown) => live && setLoadError(toErrorData(error)));
    return () => {
      live = false;
    };
  }, [termsVersion]);

  useEffect(() => {
    if (cohortId === null) return;
    let live = true;
    call('getAllocationSettings', { cohortId })
      .then((answer) => {
        if (!live) return;
        setInfo(answer);
        setPins(answer.pins);
        setDrafts(draftsOf(answer.defaults));
        setOtherSectorCounties(new Set(answer.defaults.otherSectorCounties));
        setKeepUnits(answer.defaults.keepUnits);
        setChosenCounties(null);
      })
      .catch((error: unknown) => live && setLoadError(toErrorData(error)));
    return () => {
      live = false;
    };
  }, [cohortId]);

  const invalid = useMemo(() => {
    if (!info) return [];
    return NUMERIC_SETTINGS.filter((key) => {
      const text = drafts[key].trim();
      const { min, max } = info.ranges[key];
      return !/^\d+$/.test(text) || Number(text) < min || Number(text) > max;
    });
  }, [drafts, info]);

  const settings = useMemo<AllocationSettingsData | null>(() => {
    if (!info || invalid.length > 0) return null;
    const number = (key: NumericAllocationSetting) => Number(drafts[key].trim());
    return {
      skillPoints: number('skillPoints'),
      priorityWeight: number('priorityWeight'),
      dev20x10Points: number('dev20x10Points'),
      fairness: number('fairness'),
      otherSectorCost: number('otherSectorCost'),
      otherSectorCounties: [...otherSectorCounties].sort((a, b) => a - b),
      keepUnits,
    };
  }, [info, invalid, drafts, otherSectorCounties, keepUnits]);

  const setDraft = useCallback((key: NumericAllocationSetting, value: string) => setDrafts((d) => ({ ...d, [key]: value })), []);
  const resetSettings = useCallback(() => {
    if (!info) return;
    setDrafts(draftsOf(info.defaults));
    setOtherSectorCounties(new Set(info.defaults.otherSectorCounties));
    setKeepUnits(info.defaults.keepUnits);
  }, [info]);
  const setCohortId = useCallback((id: number) => {
    setInfo(null);
    setCohortIdState(id);
  }, []);
  const reloadTerms = useCallback(() => setTermsVersion((v) => v + 1), []);

  return {
    terms,
    cohortId,
    setCohortId,
    info,
    loadError,
    chosenCounties,
    setChosenCounties,
    drafts,
    setDraft,
    otherSectorCounties,
    setOtherSectorCounties,
    keepUnits,
    setKeepUnits,
    resetSettings,
    invalid,
    settings,
    pins,
    setPins,
    reloadTerms,
  };
}
