// The four numbers of a term per city/county and sector (DOMAIN.md): requested by the counties,
// decided by the Bureau, assigned to a workplace, arrived — and the two gaps the office works on
// (requested − decided, to raise with the Bureau; decided − assigned, its own work).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TermFigures } from '../../../shared/api/grid.contract';
import { errorSentence } from '../../../shared/i18n';
import { call, toErrorData } from '../api';
import { useLedger } from '../ledger-context';
import { TermSelect } from '../components/TermSelect';
import { Modal } from './Modal';
import { regionName, useLedgerOptions } from './options';

export function FiguresDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const { options } = useLedgerOptions();
  const [cohortId, setCohortId] = useState<number | null>(null);
  const [figures, setFigures] = useState<TermFigures | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('termFigures', { cohortId }).then(
      (value) => live && setFigures(value),
      (cause: unknown) => live && setError(errorSentence(toErrorData(cause), language)),
    );
    return () => {
      live = false;
    };
  }, [cohortId, language]);

  const number = (n: number) => n.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US');
  const gap = (requested: number, decided: number) => {
    if (requested === decided) return t('grid.figures.even');
    return requested > decided
      ? t('grid.figures.short', { count: number(requested - decided) })
      : t('grid.figures.surplus', { count: number(decided - requested) });
  };
  const cohorts = options?.cohorts ?? [];
  const shown = figures?.cohortId ?? null;
  return (
    <Modal
      title={t('grid.figures.title')}
      onClose={onClose}
      testId="figures-dialog"
      wide
      footer={
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('grid.figures.close')}
        </button>
      }
    >
      <p className="figures__intro">{t('grid.figures.intro')}</p>
      <TermSelect
        label={t('grid.figures.term')}
        cohorts={cohorts}
        value={shown}
        onChange={setCohortId}
        className="figures__term"
        testId="figures-term"
      />
      {error && (
        <p className="modal__warning" role="alert">
          {error}
        </p>
      )}
      {figures && figures.cohortId === null && <p>{t('grid.figures.noTerms')}</p>}
      {figures && figures.cohortId !== null && figures.rows.length === 0 && <p>{t('grid.figures.empty')}</p>}
      {figures && figures.rows.length > 0 && (
        <div className="figures__scroll">
          <table className="figures" data-testid="figures-table">
            <thead>
              <tr>
                <th>{t('grid.figures.province')}</th>
                <th>{t('grid.figures.county')}</th>
                <th>{t('grid.figures.sector')}</th>
                <th className="num">{t('grid.figures.requested')}</th>
                <th className="num">{t('grid.figures.decided')}</th>
                <th className="num">{t('grid.figures.gap')}</th>
                <th className="num">{t('grid.figures.assigned')}</th>
                <th className="num">{t('grid.figures.unassigned')}</th>
                <th className="num">{t('grid.figures.arrived')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.rows.map((r) => (
                <tr key={`${r.countyCode}|${r.sector}`}>
                  <td>{regionName(options, r.provinceCode, language)}</td>
                  <td>{regionName(options, r.countyCode, language)}</td>
                  <td>{t(`grid.options.sector.${r.sector}`)}</td>
                  <td className="num">{number(r.requested)}</td>
                  <td className="num">{number(r.decided)}</td>
                  <td className={r.requested > r.decided ? 'num figures__short' : 'num'}>{gap(r.requested, r.decided)}</td>
                  <td className="num">{number(r.assigned)}</td>
                  <td className="num">{number(r.decided - r.assigned)}</td>
                  <td className="num">{number(r.arrived)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={3}>{t('grid.figures.total')}</th>
                <th className="num">{number(figures.totals.requested)}</th>
                <th className="num">{number(figures.totals.decided)}</th>
                <th className="num">{gap(figures.totals.requested, figures.totals.decided)}</th>
                <th className="num">{number(figures.totals.assigned)}</th>
                <th className="num">{number(figures.totals.decided - figures.totals.assigned)}</th>
                <th className="num">{number(figures.totals.arrived)}</th>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </Modal>
  );
}
