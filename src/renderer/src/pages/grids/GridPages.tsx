// The grid pages: Persons, Cohorts, County requests, Placements, History.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FiguresDialog } from '../../grids/FiguresDialog';
import { GridPage } from '../../grids/GridPage';

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

export function PlacementsPage(): React.JSX.Element {
  return <GridPage grid="placements" />;
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
