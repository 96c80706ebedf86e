// Which column is which field: the clerk corrects the reader's guess (a field goes to one column
// at a time); the first rows under the header show what each column holds.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DECISION_FIELDS,
  REQUEST_FIELDS,
  REQUIRED_FIELDS,
  type ImportField,
  type InspectResult,
} from '../../../../shared/api/import.contract';
import { useNumberFormat } from '../../ledger-context';
import type { Choices } from './choices';

/** Each column's field as the clerk left it: the clerk's choice, else the reader's. */
export function effectiveFields(inspect: InspectResult, choices: Choices): (ImportField | null)[] {
  const fieldOf = (index: number, detected: ImportField | null): ImportField | null =>
    Object.prototype.hasOwnProperty.call(choices.mapping, String(index)) ? (choices.mapping[String(index)] ?? null) : detected;
  return inspect.columns.map((c) => fieldOf(c.index, c.field));
}

/** The required fields no column gives (a county may come from the sheets' names). */
export function missingFields(inspect: InspectResult, effective: (ImportField | null)[]): ImportField[] {
  return REQUIRED_FIELDS[inspect.kind].filter(
    (f) => !effective.includes(f) && !(f === 'county' && inspect.headerSheets.some((h) => h.countyKo !== null)),
  );
}

function SourceBadge({ source, changed }: { source: string; changed: boolean }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (changed) return <span className="imp-badge imp-badge--clerk">{t('import.layout.sourceClerk')}</span>;
  if (source === 'remembered') return <span className="imp-badge imp-badge--remembered">{t('import.layout.sourceRemembered')}</span>;
  if (source === 'auto') return <span className="imp-badge">{t('import.layout.sourceAuto')}</span>;
  return null;
}

export function MappingTable({
  inspect,
  choices,
  effective,
  onChoices,
}: {
  inspect: InspectResult;
  choices: Choices;
  effective: (ImportField | null)[];
  onChoices: (choices: Choices) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const fields: readonly ImportField[] = inspect.kind === 'decision' ? DECISION_FIELDS : REQUEST_FIELDS;
  const setField = (index: number, field: ImportField | null) => {
    const mapping = { ...choices.mapping, [String(index)]: field };
    if (field !== null) {
      inspect.columns.forEach((c, i) => {
        if (c.index !== index && effective[i] === field) mapping[String(c.index)] = null;
      });
    }
    onChoices({ ...choices, mapping });
  };
  return (
    <div className="imp-table-wrap">
      <table className="table imp-table imp-mapping" data-testid="import-mapping">
        <thead>
          <tr>
            <th scope="col">{t('import.layout.column')}</th>
            <th scope="col">{t('import.layout.header')}</th>
            <th scope="col">{t('import.layout.field')}</th>
            <th scope="col">{t('import.layout.samples')}</th>
          </tr>
        </thead>
        <tbody>
          {inspect.columns.map((c, i) => {
            const field = effective[i] ?? null;
            const changed = Object.prototype.hasOwnProperty.call(choices.mapping, String(c.index)) && field !== c.field;
            return (
              <tr key={c.index} className={field === null ? 'imp-mapping__unmapped' : undefined} data-testid={`import-column-${c.letter}`}>
                <th scope="row" className="imp-mapping__letter">
                  {c.letter}
                  {c.hidden && <span className="imp-badge imp-badge--hidden">{t('import.layout.hidden')}</span>}
                </th>
                <td className="imp-mapping__header">{c.header || <span className="muted">—</span>}</td>
                <td className="imp-mapping__field">
                  <select
                    className={field === null ? 'input input--muted' : 'input'}
                    value={field ?? ''}
                    aria-label={`${c.letter} ${c.header}`}
                    onChange={(e) => setField(c.index, e.target.value === '' ? null : (e.target.value as ImportField))}
                    data-testid={`import-field-${c.letter}`}
                  >
                    <option value="">{t('import.layout.unmapped')}</option>
                    {fields.map((f) => (
                      <option key={f} value={f}>
                        {t(`import.fields.${f}`)}
                      </option>
                    ))}
                  </select>
                  <SourceBadge source={c.source} changed={changed} />
                </td>
                <td className="imp-mapping__samples">
                  {c.samples.map((s, k) => (
                    <span key={k} className="imp-sample">
                      {s}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The first rows under the header, headed by their fields (at most 24 columns). */
export function PreviewTable({
  inspect,
  effective,
}: {
  inspect: InspectResult;
  effective: (ImportField | null)[];
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const previewColumns = useMemo(() => inspect.columns.slice(0, 24), [inspect.columns]);
  if (inspect.preview.length === 0) return null;
  return (
    <details className="imp-details" open>
      <summary>{t('import.layout.preview')}</summary>
      <div className="imp-table-wrap imp-table-wrap--preview">
        <table className="table imp-table imp-preview" data-testid="import-preview">
          <thead>
            <tr>
              <th scope="col">{t('import.layout.row')}</th>
              {previewColumns.map((c, i) => (
                <th key={c.index} scope="col" className={effective[i] === null ? 'muted' : undefined}>
                  {effective[i] ? t(`import.fields.${effective[i]}`) : c.letter}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {inspect.preview.map((r) => (
              <tr key={r.row}>
                <th scope="row">{format(r.row)}</th>
                {previewColumns.map((c, i) => (
                  <td key={c.index} className={effective[i] === null ? 'muted' : undefined}>
                    {r.cells[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
