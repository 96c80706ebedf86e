// The grid pages: Persons, Cohorts, County requests, Placements, History.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FiguresDialog } from '../../grids/FiguresDialog';
import { GridPage } from '../../grids/GridPage';
import { StatusDialog } from '../../grids/StatusDialog';

export function PersonsPage(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <GridPage
      grid="persons"
      extraActions={({ selected }) => (
        <button
          type="button"
          className="button"
          disabled={selected.length !== 1}
          data-testid="grid-person-history"
          onClick={() => {
            const person = selected[0];
            if (!person) return;
            const label = `${String(person.service_no ?? '')} ${String(person.name ?? '')}`.trim();
            window.location.hash = `#/history?person=${person.id}&label=${encodeURIComponent(label)}`;
          }}
        >
          {t('grid.toolbar.history')}
        </button>
      )}
    />
  );
}

export function CohortsPage(): React.JSX.Element {
  return <GridPage grid="cohorts" />;
}

export function RequestsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const [figures, setFigures] = useState(false);
  return (
    <>
      <GridPage
        grid="requests"
        extraActions={() => (
          <button type="button" className="button" onClick={() => setFigures(true)} data-testid="grid-figures">
            {t('grid.figures.button')}
          </button>
        )}
      />
      {figures && <FiguresDialog onClose={() => setFigures(false)} />}
    </>
  );
}

/** Filters asked for in the address (`#/placements?province=…&county=…&sector=…&cohort=…`, by the names shown). */
function placementFiltersFromHash(): Record<string, unknown> | undefined {
  const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const filters: Record<string, unknown> = {};
  const columns: [string, string][] = [
    ['province', 'dest_province'],
    ['county', 'dest_county'],
    ['sector', 'sector'],
    ['cohort', 'cohort'],
  ];
  for (const [param, colId] of columns) {
    const value = params.get(param);
    if (value) filters[colId] = { filterType: 'text', type: 'equals', filter: value };
  }
  return Object.keys(filters).length > 0 ? filters : undefined;
}

export function PlacementsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const [hash, setHash] = useState(() => window.location.hash);
  const [statusFor, setStatusFor] = useState<{ ids: number[]; versions: [number, number][]; done: (changed: number) => void } | null>(null);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const filters = useMemo(() => (hash.includes('?') ? placementFiltersFromHash() : undefined), [hash]);
  return (
    <>
      <GridPage
        key={hash}
        grid="placements"
        {...(filters ? { initialFilters: filters } : {})}
        extraActions={({ selected, refresh, notify }) => (
          <button
            type="button"
            className="button"
            disabled={selected.length === 0}
            data-testid="grid-set-status"
            onClick={() =>
              setStatusFor({
                ids: selected.map((r) => r.id),
                versions: selected.flatMap((r): [number, number][] => (r.version === undefined ? [] : [[r.id, r.version]])),
                done: (changed) => {
                  refresh();
                  notify({ kind: 'ok', text: changed === 0 ? t('grid.status.unchanged') : t('grid.status.done', { count: changed }) });
                },
              })
            }
          >
            {t('grid.status.button')}
          </button>
        )}
      />
      {statusFor && (
        <StatusDialog
          ids={statusFor.ids}
          versions={statusFor.versions}
          onClose={() => setStatusFor(null)}
          onDone={(changed) => {
            statusFor.done(changed);
            setStatusFor(null);
          }}
        />
      )}
    </>
  );
}

function personFromHash(): { id: number; label: string } | null {
  const query = window.location.hash.split('?')[1] ?? '';
  const params = new URLSearchParams(query);
  const id = Number(params.get('person'));
  return Number.isInteger(id) && id > 0 ? { id, label: params.get('label') ?? `#${id}` } : null;
}

export function HistoryPage(): React.JSX.Element {
  const [person, setPerson] = useState(personFromHash);
  useEffect(() => {
    const onChange = () => setPerson(personFromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return (
    <GridPage
      key={person?.id ?? 'all'}
      grid="history"
      {...(person ? { personId: person.id, personLabel: person.label } : {})}
      onClearPerson={() => {
        window.location.hash = '#/history';
      }}
    />
  );
}
