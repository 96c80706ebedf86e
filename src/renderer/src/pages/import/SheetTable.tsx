import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/api/import.contract';
import { useLedger, useNumberFormat } from '../../ledger-context';
import type { Choices } from './choices';

/** Every sheet with the header: its city/county and rows; the clerk may leave sheets out. */
export function SheetTable({
  report,
  choices,
  running,
  onRecheck,
}: {
  report: ImportReport;
  choices: Choices;
  running: boolean;
  onRecheck: (next: Choices) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const initial = report.sheets.filter((x) => x.leftOut).map((x) => x.name);
  const [left, setLeft] = useState<string[]>(initial);
  if (report.sheets.length < 2) return null;
  const changed = left.length !== initial.length || left.some((x) => !initial.includes(x));
  const toggle = (name: string, read: boolean) => setLeft(read ? left.filter((x) => x !== name) : [...left, name]);
  return (
    <div className="imp-sheets" data-testid="import-sheets">
      <p className="muted">{t('import.intake.sheetsHelp')}</p>
      <div className="imp-table-wrap imp-table-wrap--sheets">
        <table className="table imp-table">
          <thead>
            <tr>
              <th scope="col">{t('import.intake.read')}</th>
              <th scope="col">{t('import.report.sheet')}</th>
              <th scope="col">{t('import.intake.sheetCounty')}</th>
              <th scope="col" className="num">
                {t('import.report.data')}
              </th>
              <th scope="col" className="num">
                {t('import.report.valid')}
              </th>
              <th scope="col" className="num">
                {t('import.report.invalid')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.sheets.map((x) => {
              const read = !left.includes(x.name);
              return (
                <tr key={x.name} className={x.leftOut ? 'imp-sheet--left' : undefined} data-testid="import-sheet" data-sheet={x.name}>
                  <td>
                    <input
                      type="checkbox"
                      checked={read && !x.importedBefore}
                      aria-label={x.name}
                      disabled={x.importedBefore || (read && report.sheets.length - left.length <= 1)}
                      onChange={(e) => toggle(x.name, e.target.checked)}
                    />
                  </td>
                  <td className="imp-sheet__name">{x.name}</td>
                  <td>{(language === 'ko' ? x.countyKo : x.countyEn) ?? <span className="muted">—</span>}</td>
                  {x.leftOut ? (
                    <td colSpan={3} className="muted">
                      {x.importedBefore ? t('import.intake.importedBefore') : t('import.intake.leftOut')}
                    </td>
                  ) : (
                    <>
                      <td className="num">{format(x.data)}</td>
                      <td className="num">{format(x.valid)}</td>
                      <td className={x.invalid > 0 ? 'num imp-sheet__bad' : 'num'}>{format(x.invalid)}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {changed && (
        <div className="imp-actions imp-actions--left">
          <button
            type="button"
            className="button"
            disabled={running}
            onClick={() => onRecheck({ ...choices, allSheets: true, skipSheets: left })}
            data-testid="import-sheets-apply"
          >
            {t('import.intake.apply')}
          </button>
        </div>
      )}
    </div>
  );
}
