// Recent imports (decision files and request sheets), with undo of a whole import.
import { localDateTime } from '../../../../shared/grid-display';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportHistoryEntry } from '../../../../shared/api/import.contract';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useCanWrite } from '../../hub-context';
import { useNumberFormat } from '../../ledger-context';
import { jobError, useJob } from '../../jobs/useJob';
import { toErrorData } from './jobs';

export function ImportHistory({ version, onChanged }: { version: number; onChanged: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const job = useJob();
  // A read-only account sees the imports, not their undo.
  const canWrite = useCanWrite();
  const [entries, setEntries] = useState<ImportHistoryEntry[] | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const [confirm, setConfirm] = useState<number | null>(null);

  const load = useCallback(() => {
    call('listImports', { limit: 10 })
      .then(setEntries)
      .catch((e: unknown) => setError(toErrorData(e)));
  }, []);
  useEffect(load, [load, version]);

  const undo = async (id: number) => {
    setConfirm(null);
    setError(null);
    try {
      const status = await job.follow(await call('startImportUndo', { decisionFileId: id }), { keepOnLeave: true });
      if (status.state !== 'done') setError(jobError(status));
    } catch (e) {
      setError(toErrorData(e));
    } finally {
      load();
      onChanged();
    }
  };

  // As the offices write dates: 2027.03.14 09:05.
  const when = (iso: string) => localDateTime(iso, { seconds: false });

  return (
    <section className="card imp-card imp-history" aria-labelledby="import-history-heading" data-testid="import-history">
      <div className="card__header">
        <h2 id="import-history-heading" className="card__title">
          {t('import.history.heading')}
        </h2>
      </div>
      {error && (
        <div className="card__body">
          <ErrorBanner error={error} testId="import-history-error" />
        </div>
      )}
      {entries !== null && entries.length === 0 ? (
        <p className="card__body muted" data-testid="import-history-empty">
          {t('import.history.empty')}
        </p>
      ) : (
        <table className="table imp-table">
          <thead>
            <tr>
              <th scope="col">{t('import.history.file')}</th>
              <th scope="col">{t('import.history.kind')}</th>
              <th scope="col">{t('import.history.when')}</th>
              <th scope="col">{t('import.history.who')}</th>
              <th scope="col" className="num">
                {t('import.history.rows')}
              </th>
              <th scope="col">{t('import.history.result')}</th>
            </tr>
          </thead>
          <tbody>
            {(entries ?? []).map((e) => (
              <tr
                key={`${e.decisionFileId}-${e.undone}`}
                className={e.undone ? 'imp-history__undone' : undefined}
                data-testid="import-history-row"
              >
                <td>
                  <div className="imp-history__file">{e.fileName}</div>
                  {e.decisionNo && <div className="muted">{e.decisionNo}</div>}
                </td>
                <td>
                  {t(`import.kinds.${e.kind}`)}
                  {e.cohorts.map((c) => (
                    <div key={`${c.year}-${c.term}`} className="muted" data-testid="import-history-cohort">
                      {t('import.cohortLabel', { year: c.year, term: t(`import.terms.${c.term}`) })}
                      {e.cohorts.length > 1 && c.rows !== null && (
                        <span className="imp-history__rows">
                          {' '}
                          · {t('import.history.cohortRows', { count: c.rows, formatted: format(c.rows) })}
                        </span>
                      )}
                    </div>
                  ))}
                </td>
                <td>{when(e.importedAt)}</td>
                <td>{e.clerk ?? ''}</td>
                <td className="num">
                  {format(e.rowsValid)}
                  {e.skippedInvalid && <div className="imp-history__note">{t('import.history.skippedInvalid')}</div>}
                </td>
                <td>
                  {e.undone ? (
                    <span className="imp-badge">{t('import.history.undone')}</span>
                  ) : confirm === e.decisionFileId ? (
                    <span className="imp-history__confirm">
                      <button
                        type="button"
                        className="button button--small button--danger"
                        onClick={() => void undo(e.decisionFileId)}
                        data-testid="import-history-undo-yes"
                      >
                        {t('import.history.undo')}
                      </button>
                      <button type="button" className="button button--small" onClick={() => setConfirm(null)}>
                        {t('import.progress.cancel')}
                      </button>
                    </span>
                  ) : (
                    canWrite && (
                      <button
                        type="button"
                        className="button button--small"
                        disabled={job.running}
                        title={t('import.commit.undoConfirm')}
                        onClick={() => setConfirm(e.decisionFileId)}
                        data-testid="import-history-undo"
                      >
                        {t('import.history.undo')}
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
