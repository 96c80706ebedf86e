// The shell: sidebar, the current page, the status bar. Pages are chosen by the hash route.
import { FirstStartDialog } from './components/FirstStartDialog';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './components/ErrorBanner';
import { Icon } from './components/Icon';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { HubProvider, useCanWrite, useHub } from './hub-context';
import { LedgerProvider, useLedger } from './ledger-context';
import { ComingSoon } from './pages/ComingSoon';
import { AllocationPage } from './pages/allocation/AllocationPage';
import { Dashboard } from './pages/dashboard/Dashboard';
import { ExportPage } from './pages/export/ExportPage';
import { ImportPage } from './pages/import/ImportPage';
import { CohortsPage, HistoryPage, PersonsPage, PlacementsPage, RequestsPage } from './pages/grids/GridPages';
import { Settings } from './pages/Settings';
import { useRoute, type RouteId } from './routes';

const GRID_ROUTES: readonly RouteId[] = ['persons', 'cohorts', 'requests', 'placements', 'history'];
/** Pages that change the ledger: a read-only account is told there why they offer no changes. */
const WRITING_ROUTES: readonly RouteId[] = ['persons', 'cohorts', 'requests', 'placements', 'allocation', 'import'];

function ReadonlyNote(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="banner banner--warn readonly-note" role="note" data-testid="readonly-note">
      <Icon name="user" className="banner__icon" size={20} />
      <div className="banner__body">{t('hub.readonly.note')}</div>
    </div>
  );
}

function Page({ route }: { route: RouteId }): React.JSX.Element {
  switch (route) {
    case 'dashboard':
      return <Dashboard />;
    case 'settings':
      return <Settings />;
    case 'persons':
      return <PersonsPage />;
    case 'cohorts':
      return <CohortsPage />;
    case 'requests':
      return <RequestsPage />;
    case 'placements':
      return <PlacementsPage />;
    case 'history':
      return <HistoryPage />;
    case 'allocation':
      return <AllocationPage />;
    case 'import':
      return <ImportPage />;
    case 'export':
      return <ExportPage />;
    default:
      return <ComingSoon page={route} />;
  }
}

function Shell(): React.JSX.Element {
  const { t } = useTranslation();
  const route = useRoute();
  const { infoError, refreshInfo, languageError } = useLedger();
  // Connecting to the office hub or back: the page is made anew and asks its data again.
  const { epoch } = useHub();
  const canWrite = useCanWrite();
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);

  // Refresh the ledger's info (status bar, dashboard) on every navigation; after a navigation,
  // move focus to the new page's title so keyboard and screen-reader users land on it.
  useEffect(() => {
    refreshInfo();
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
    mainRef.current?.scrollTo({ top: 0 });
  }, [route, refreshInfo]);

  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus()}>
        {t('app.skipToContent')}
      </button>
      <Sidebar route={route} />
      <main className="main" ref={mainRef} data-testid={`page-${route}`}>
        <div className={GRID_ROUTES.includes(route) ? 'main__inner main__inner--grid' : 'main__inner'}>
          {infoError !== null && (
            <ErrorBanner error={infoError} title={t('common.errorTitle')} onRetry={refreshInfo} testId="ledger-error" />
          )}
          {languageError !== null && <ErrorBanner error={languageError} testId="language-error" />}
          {!canWrite && WRITING_ROUTES.includes(route) && <ReadonlyNote />}
          <Page key={epoch} route={route} />
        </div>
      </main>
      <StatusBar />
      <FirstStartDialog />
    </div>
  );
}

export function App(): React.JSX.Element {
  return (
    <LedgerProvider>
      <HubProvider>
        <Shell />
      </HubProvider>
    </LedgerProvider>
  );
}
