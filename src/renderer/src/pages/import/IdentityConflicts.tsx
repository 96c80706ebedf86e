import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/api/import.contract';
import { identityPersonText } from '../../../../shared/i18n/import';
import { Icon } from '../../components/Icon';
import { useLedger, useNumberFormat } from '../../ledger-context';

/**
 * The rows whose service number belongs to another person in the ledger, each with both persons,
 * and the clerk's explicit choice to let this file change who those persons are.
 */
export function IdentityConflicts({
  report,
  accepted,
  onAccept,
  disabled,
}: {
  report: ImportReport;
  accepted: boolean;
  onAccept: (on: boolean) => void;
  disabled: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const conflicts = report.identityConflicts;
  const total = report.issueCounts.identity_conflict ?? conflicts.length;
  return (
    <div className="imp-identity" data-testid="import-identity">
      <div className="banner banner--warn" role="alert">
        <Icon name="alert" className="banner__icon" size={20} />
        <div className="banner__body">
          <div className="banner__title">
            {t('import.commit.identityHeading')} <span className="imp-subheading__count">{format(total)}</span>
          </div>
          <div>{t('import.commit.identityHelp')}</div>
        </div>
      </div>
      <div className="imp-table-wrap imp-table-wrap--identity">
        <table className="table imp-table" data-testid="import-identity-rows">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.report.row')}
              </th>
              <th scope="col">{t('import.commit.identityServiceNo')}</th>
              <th scope="col">{t('import.commit.identityLedger')}</th>
              <th scope="col" className="imp-identity__arrow" aria-hidden="true" />
              <th scope="col">{t('import.commit.identityFile')}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => (
              <tr key={`${c.sheet ?? ''}-${c.row}`} data-testid="import-identity-row" data-row={c.row}>
                <td className="num">{format(c.row)}</td>
                <td className="mono">{c.details.value}</td>
                <td>{identityPersonText(c.details.ledgerName, c.details.ledgerSex, c.details.ledgerBirth, language)}</td>
                <td className="imp-identity__arrow" aria-hidden="true">
                  →
                </td>
                <td className="imp-identity__new">{identityPersonText(c.details.name, c.details.sex, c.details.birth, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > conflicts.length && <p className="muted">{t('import.commit.identityMore', { shown: format(conflicts.length) })}</p>}
      <label className="imp-check imp-check--danger">
        <input
          type="checkbox"
          checked={accepted}
          disabled={disabled}
          onChange={(e) => onAccept(e.target.checked)}
          data-testid="import-accept-identity"
        />
        <span>{t('import.commit.identityAccept', { count: format(conflicts.length) })}</span>
      </label>
    </div>
  );
}
