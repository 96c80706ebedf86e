// What the clerk chooses on the Export page, and what main says about it: the defaults, the
// terms, the departments of the chosen term (all selected to begin with), the filter over them,
// the folder, the province summary, and a quiet preview of the files (and whether the folder
// exists) as the choice changes.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExportCohort, ExportDefaults, ExportDepartment, ExportPlan, ExportSelection } from '../../../../shared/api/export.contract';
import type { Term } from '../../../../shared/domain';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call, toErrorData } from '../../api';
import { useLedger } from '../../ledger-context';

export function cohortKey(c: { year: number; term: Term }): string {
  return `${c.year}-${c.term}`;
}

export interface ProvinceGroup {
  code: string;
  name: string;
  departments: ExportDepartment[];
}

export interface ExportChoices {
  defaults: ExportDefaults | null;
  cohorts: ExportCohort[] | null;
  cohort: string;
  setCohort(key: string): void;
  chosen: ExportCohort | null;
  departments: ExportDepartment[] | null;
  selected: Set<string>;
  /** Ticks (or clears) the departments of `codes`. */
  toggle(codes: string[], on: boolean): void;
  selectedPersons: number;
  filter: string;
  setFilter(text: string): void;
  /** The departments the filter shows, by province. */
  groups: ProvinceGroup[];
  /** Their codes: "Select all / Clear" act on them (everything when the filter is empty). */
  visibleCodes: string[];
  folder: string;
  setFolder(path: string): void;
  summary: boolean;
  setSummary(on: boolean): void;
  /** What an export would be given now; null without a term. */
  selection(): ExportSelection | null;
  preview: ExportPlan | null;
  /** Look at the disk again (the folder may have been made meanwhile). */
  recheck(): void;
  loadError: LedgerErrorData | null;
}

/** `busy`: an export is being checked or runs; the preview waits and looks again when it ends. */
export function useExportChoices(busy: boolean): ExportChoices {
  const { language } = useLedger();
  const [defaults, setDefaults] = useState<ExportDefaults | null>(null);
  const [cohorts, setCohorts] = useState<ExportCohort[] | null>(null);
  const [cohort, setCohort] = useState<string>('');
  const [departments, setDepartments] = useState<ExportDepartment[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [folder, setFolder] = useState('');
  const [summary, setSummary] = useState(true);
  const [loadError, setLoadError] = useState<LedgerErrorData | null>(null);
  const [preview, setPreview] = useState<ExportPlan | null>(null);

  // Defaults and the terms.
  useEffect(() => {
    let cancelled = false;
    Promise.all([call('getExportDefaults', {}), call('listExportCohorts', {})])
      .then(([d, c]) => {
        if (cancelled) return;
        setDefaults(d);
        setFolder((current) => current || d.folder);
        setCohorts(c.cohorts);
        setCohort((current) => current || (c.cohorts[0] ? cohortKey(c.cohorts[0]) : ''));
      })
      .catch((error: unknown) => !cancelled && setLoadError(toErrorData(error)));
    return () => {
      cancelled = true;
    };
  }, []);

  // The departments of the chosen term; all selected to begin with.
  useEffect(() => {
    if (!cohort) return;
    const [year, term] = cohort.split('-') as [string, Term];
    let cancelled = false;
    setDepartments(null);
    call('listExportDepartments', { year: Number(year), term })
      .then((list) => {
        if (cancelled) return;
        setDepartments(list.departments);
        setSelected(new Set(list.departments.map((d) => d.code)));
      })
      .catch((error: unknown) => !cancelled && setLoadError(toErrorData(error)));
    return () => {
      cancelled = true;
    };
  }, [cohort]);

  const chosen = useMemo(() => cohorts?.find((c) => cohortKey(c) === cohort) ?? null, [cohorts, cohort]);
  const allSelected = departments !== null && departments.length > 0 && selected.size === departments.length;
  const selectedPersons = useMemo(
    () => (departments ?? []).filter((d) => selected.has(d.code)).reduce((s, d) => s + d.persons, 0),
    [departments, selected],
  );

  const groups = useMemo<ProvinceGroup[]>(() => {
    const needle = filter.trim().toLowerCase();
    const byProvince = new Map<string, ProvinceGroup>();
    for (const d of departments ?? []) {
      const haystack = `${d.provinceKo} ${d.nameKo} ${d.provinceEn} ${d.nameEn}`.toLowerCase();
      if (needle && !haystack.includes(needle)) continue;
      const name = language === 'ko' ? d.provinceKo : d.provinceEn;
      const group = byProvince.get(d.provinceCode) ?? { code: d.provinceCode, name, departments: [] };
      group.departments.push(d);
      byProvince.set(d.provinceCode, group);
    }
    return [...byProvince.values()];
  }, [departments, filter, language]);

  const visibleCodes = useMemo(() => groups.flatMap((g) => g.departments.map((d) => d.code)), [groups]);

  const toggle = useCallback((codes: string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const code of codes) {
        if (on) next.add(code);
        else next.delete(code);
      }
      return next;
    });
  }, []);

  const selection = useCallback((): ExportSelection | null => {
    if (!chosen) return null;
    return {
      year: chosen.year,
      term: chosen.term,
      counties: allSelected ? [] : [...selected],
      folder: folder.trim(),
      summary,
      language,
    };
  }, [chosen, allSelected, selected, folder, summary, language]);

  // Whether the folder exists can change without the choice changing: the clerk makes it in the
  // file manager and comes back, or an export makes it. Look again then (window focus, the
  // folder field's focus, an export that ended), so "will be created" goes once it exists.
  const [lookAgain, setLookAgain] = useState(0);
  const recheck = useCallback(() => setLookAgain((v) => v + 1), []);
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && recheck();
    window.addEventListener('focus', recheck);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', recheck);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [recheck]);

  // A quiet preview of the file names (and whether the folder exists) as the choice changes.
  useEffect(() => {
    if (busy) return; // the export's own check runs; look again when it has ended
    const input = selection();
    if (!input || selected.size === 0 || input.folder === '') {
      setPreview(null);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      call('planExport', input)
        .then((plan) => !cancelled && setPreview(plan))
        .catch(() => !cancelled && setPreview(null));
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [selection, selected.size, busy, lookAgain]);

  return {
    defaults,
    cohorts,
    cohort,
    setCohort,
    chosen,
    departments,
    selected,
    toggle,
    selectedPersons,
    filter,
    setFilter,
    groups,
    visibleCodes,
    folder,
    setFolder,
    summary,
    setSummary,
    selection,
    preview,
    recheck,
    loadError,
  };
}
