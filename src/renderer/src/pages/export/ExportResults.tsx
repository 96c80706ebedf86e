// The files an export made, as a table under the page: name, recipient, persons, size.
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../../../shared/api/export.contract';
import { CardHeader } from '../../components/CardHeader';
import { Icon } from '../../components/Icon';
import { formatBytes } from '../../format-bytes';
import { useLedger, useNumberFormat } from '../../ledger-context';

export function ExportResults({ result }: { result: ExportResult }): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const n = useNumberFormat();
  return (
    <section className="card export-results" aria-labelledby="export-results-heading">
      <CardHeader headingId="export-results-heading" title={t('export.done.title', { count: n(result.files.length) })} />
      <div className="export-results__scroll">
        <table className="table export-results__table" data-testid="export-results">
          <colgroup>
            <col className="export-results__col-file" />
            <col />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('export.done.file')}</th>
              <th scope="col">{t('export.done.department')}</th>
              <th scope="col" className="num">
                {t('export.done.rows')}
              </th>
              <th scope="col" className="num">
                {t('export.done.size')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.files.map((f) => (
              <tr key={f.path} data-testid="export-result-file">
                <th scope="row">
                  <span className="export-results__file">
                    <Icon name="file" size={16} />
                    <span className="export-results__name">{f.fileName}</span>
                  </span>
                </th>
                <td>{f.department}</td>
                <td className="num">{n(f.rows)}</td>
                <td className="num">{formatBytes(f.bytes, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
