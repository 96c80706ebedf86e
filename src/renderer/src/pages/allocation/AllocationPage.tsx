// The Allocation page (작업장 배정): term and cities/counties → the rules in words → make the
// proposal (a job in main: progress, Cancel) → the proposal per city/county, "why" for anyone,
// pins and moves by hand → accept as one operation (undo here or Ctrl+Z) → the proposal workbook.
// What the clerk chooses lives in useAllocationScope, the run and its proposal in
// useAllocationRun; the cards and sections only show them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllocationCountyView, AllocationPersonView, AllocationRequestView } from '../../../../shared/api/allocation.contract';
import type { Sector } from '../../../../shared/domain';
import { call, toErrorData } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { useCanWrite } from '../../hub-context';
import { useLedger } from '../../ledger-context';
import { AcceptCard } from './AcceptCard';
import { MoveDialog, WhyDialog } from './Dialogs';
import { openInPlacements } from './openInPlacements';
import { CountySection, Totals, type PersonActions } from './ProposalView';
import { RunCard } from './RunCard';
import { ScopeCard } from './ScopeCard';
import { SettingsCard } from './SettingsCard';
import { useAllocationRun } from './useAllocationRun';
import { useAllocationScope } from './useAllocationScope';
import { countyName, useSectorName } from './words';
import './allocation.css';

type Dialog =
  { kind: 'why'; person: AllocationPersonView } | { kind: 'move'; person: AllocationPersonView; county: AllocationCountyView } | null;

export function AllocationPage(): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const sectorName = useSectorName();
  const scope = useAllocationScope();
  const allocation = useAllocationRun();
  const canWrite = useCanWrite();
  const { proposal } = allocation;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [pinsAtRun, setPinsAtRun] = useState<string>('');

  // The newest proposal of the term, not yet accepted, is shown again when the page opens.
  const term = scope.terms?.find((x) => x.cohortId === scope.cohortId) ?? null;
  const { show } = allocation;
  useEffect(() => {
    if (term?.lastRun?.state === 'proposed' && proposal === null) show(term.lastRun.runId);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the term or its last run changes, not when the proposal object does
  }, [term?.cohortId, term?.lastRun?.runId]);

  const pinKey = useMemo(
    () =>
      scope.pins
        .map((p) => `${p.placementId}:${p.requestId ?? '-'}`)
        .sort()
        .join(','),
    [scope.pins],
  );
  const pinned = useMemo(() => new Set(scope.pins.map((p) => p.placementId)), [scope.pins]);
  // A proposal the clerk just asked for is brought into view (the rules above can be long).
  const scrollToProposal = useRef(false);
  const shownRun = proposal?.run.runId ?? null;
  useEffect(() => {
    if (shownRun === null || !scrollToProposal.current) return;
    scrollToProposal.current = false;
    document.getElementById('alloc-totals-heading')?.scrollIntoView({ block: 'start' });
  }, [shownRun]);

  useEffect(() => {
    if (proposal) setPinsAtRun(pinKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new proposal records the pins it was made with; later pin changes must not
  }, [proposal?.run.runId]);

  // Ctrl+Z right after accepting takes the acceptance back (as in the grids).
  const { outcome, undo } = allocation;
  useEffect(() => {
    if (outcome.kind !== 'accepted') return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [outcome.kind, undo]);

  const start = () => {
    if (scope.cohortId === null || scope.settings === null) return;
    setOpen(new Set());
    scrollToProposal.current = true;
    allocation.start({
      cohortId: scope.cohortId,
      countyIds: scope.chosenCounties ? [...scope.chosenCounties].sort((a, b) => a - b) : [],
      settings: scope.settings,
    });
  };

  const { setActionError, move: moveInProposal, loadCounty } = allocation;
  const { setPins, cohortId } = scope;
  const togglePin = useCallback(
    (person: AllocationPersonView) => {
      if (cohortId === null) return;
      const input = pinned.has(person.placementId)
        ? { cohortId, clear: [person.placementId] }
        : { cohortId, set: [{ placementId: person.placementId, requestId: person.requestId }] };
      call('setAllocationPins', input)
        .then((answer) => setPins(answer.pins))
        .catch((e: unknown) => setActionError(toErrorData(e)));
    },
    [cohortId, pinned, setPins, setActionError],
  );

  const clearPins = () => {
    if (cohortId === null) return;
    call('setAllocationPins', { cohortId, clear: scope.pins.map((p) => p.placementId) })
      .then((answer) => setPins(answer.pins))
      .catch((e: unknown) => setActionError(toErrorData(e)));
  };

  const actions: PersonActions = useMemo(
    () => ({
      pinned: (id) => pinned.has(id),
      why: (person) => setDialog({ kind: 'why', person }),
      togglePin,
      move: (person, county) => {
        setActionError(null);
        setDialog({ kind: 'move', person, county });
      },
      openRequest: (county: AllocationCountyView, request: AllocationRequestView | null, sector?: Sector) => {
        if (!proposal) return;
        openInPlacements({
          term: `${proposal.run.year} ${t(`grid.options.term.${proposal.run.term}`)}`,
          county: countyName(county, language),
          sector: sectorName(request?.sector ?? sector ?? 'other'),
          // Before acceptance the proposed persons have no workplace in the ledger yet: the grid
          // shows the persons of the county and sector still waiting, among whom they are.
          workplace: request && proposal.run.state === 'accepted' ? request.workplace : null,
        }).catch((e: unknown) => setActionError(toErrorData(e)));
      },
      loadCounty,
      locked: proposal?.run.state !== 'proposed',
    }),
    [pinned, togglePin, setActionError, proposal, t, language, sectorName, loadCounty],
  );

  const doMove = async (requestId: number | null) => {
    if (dialog?.kind !== 'move' || cohortId === null) return;
    if (await moveInProposal(dialog.person.placementId, requestId)) {
      setDialog(null);
      // The move pins the person: the pins of the term, as main keeps them.
      call('setAllocationPins', { cohortId, set: [], clear: [] })
        .then((answer) => setPins(answer.pins))
        .catch((e: unknown) => setActionError(toErrorData(e)));
    }
  };

  if (scope.loadError !== null) {
    return (
      <>
        <PageHeader title={t('allocationPage.title')} description={t('allocationPage.description')} />
        <ErrorBanner error={scope.loadError} testId="alloc-load-error" />
      </>
    );
  }

  const noTerms = scope.terms !== null && scope.terms.length === 0;
  const canStart = scope.settings !== null && scope.cohortId !== null && (scope.chosenCounties === null || scope.chosenCounties.size > 0);
  return (
    <>
      <PageHeader title={t('allocationPage.title')} description={t('allocationPage.description')} />
      {noTerms ? (
        <div className="banner banner--warn" role="status" data-testid="alloc-no-terms">
          <Icon name="alert" className="banner__icon" size={20} />
          <div className="banner__body">{t('allocationPage.scope.none')}</div>
        </div>
      ) : (
        <div className="alloc-layout">
          <div className="alloc-layout__main">
            <ScopeCard scope={scope} busy={allocation.busy} />
            <SettingsCard scope={scope} busy={allocation.busy} />
          </div>
          {/* A read-only account may look at the proposal, not run or accept one (the shell says why). */}
          {canWrite && (
            <div className="alloc-layout__side">
              <RunCard
                allocation={allocation}
                pins={scope.pins.length}
                canStart={canStart}
                hasProposal={proposal !== null}
                onStart={start}
                onClearPins={clearPins}
              />
              <AcceptCard allocation={allocation} pinsChanged={proposal !== null && pinsAtRun !== pinKey} />
            </div>
          )}
        </div>
      )}
      {allocation.actionError && !dialog && <ErrorBanner error={allocation.actionError} testId="alloc-action-error" />}
      {proposal && (
        <div className="alloc-proposal" data-testid="alloc-proposal">
          <Totals proposal={proposal} />
          {proposal.counties.map((c) => (
            <CountySection
              key={`${proposal.run.runId}-${c.countyId}`}
              county={c}
              actions={actions}
              open={open.has(c.countyId)}
              onToggle={(isOpen) =>
                setOpen((s) => {
                  if (s.has(c.countyId) === isOpen) return s;
                  const next = new Set(s);
                  if (isOpen) next.add(c.countyId);
                  else next.delete(c.countyId);
                  return next;
                })
              }
            />
          ))}
        </div>
      )}
      {dialog?.kind === 'why' && proposal && (
        <WhyDialog runId={proposal.run.runId} person={dialog.person} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'move' && (
        <MoveDialog
          person={dialog.person}
          county={dialog.county}
          busy={allocation.working === 'move'}
          error={allocation.actionError}
          onMove={(id) => void doMove(id)}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
