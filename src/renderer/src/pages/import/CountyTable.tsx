// How each city/county the file writes was matched; where the match is unsure the clerk chooses
// one, and the file is checked again with the choices.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountyMatch, ImportReport } from '../../../../shared/api/import.contract';
import type { RegionUnit } from '../../../../shared/contract';
import { call } from '../../api';
import { useLedger, useNumberFormat } from '../../ledger-context';
import type { Choices } from './choices';

/** Up to this many cities/counties in a file, the match table lists them all. */
const COUNTIES_LISTED = 40;

/** The clerk's choice for a city/county the reader could not match: its best guesses first, then every one. */
function CountyChoice({
  match: m,
  units,
  value,
  onPick,
}: {
  match: CountyMatch;
  units: RegionUnit[];
  value: string;
  onPick: (code: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  return (
    <select
      className="input input--compact"
      value={value}
      onChange={(e) => onPick(e.target.value)}
      data-testid={`import-county-choice-${m.source}`}
    >
      <option value="">{t('import.report.countyChoose')}</option>
      {m.candidates.length > 0 && (
        <optgroup label="★">
          {m.candidates.map((c) => (
            <option key={c.code} value={c.code}>
              {language === 'ko' ? `${c.provinceKo} ${c.nameKo}` : `${c.nameEn ?? c.nameKo}, ${c.provinceEn ?? c.provinceKo}`}
            </option>
          ))}
        </optgroup>
      )}
      <optgroup label="—">
        {units.map((u) => (
          <option key={u.code} value={u.code}>
            {language === 'ko' ? `${u.nameKo} (${u.nameEn})` : u.nameEn}
          </option>
        ))}
      </optgroup>
    </select>
  );
}

export function CountyTable({
  report,
  choices,
  onRecheck,
}: {
  report: ImportReport;
  choices: Choices;
  onRecheck: (next: Choices) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const [units, setUnits] = useState<RegionUnit[]>([]);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const unsure = report.countyMatches.filter((m) => m.regionCode === null);
  useEffect(() => {
    if (unsure.length === 0) return;
    call('listRegions', {})
      .then((r) => setUnits(r.units))
      .catch(() => setUnits([]));
  }, [unsure.length]);
  if (report.countyMatches.length === 0) return null;
  const unusual = [...unsure, ...report.countyMatches.filter((m) => m.regionCode !== null && m.how !== 'exact' && m.how !== 'suffix')];
  // A file of a few dozen cities/counties (a request workbook) shows every match; a long list
  // keeps the plain ones as a count.
  const ordered =
    report.countyMatches.length <= COUNTIES_LISTED ? [...unusual, ...report.countyMatches.filter((m) => !unusual.includes(m))] : unusual;
  const exactCount = report.countyMatches.length - ordered.length;
  return (
    <div className="imp-counties" data-testid="import-counties">
      <p className="muted">{t('import.report.countiesHelp')}</p>
      <div className="imp-table-wrap imp-table-wrap--counties">
        <table className="table imp-table">
          <thead>
            <tr>
              <th scope="col">{t('import.report.countySource')}</th>
              <th scope="col">{t('import.report.countyMatched')}</th>
              <th scope="col">{t('import.report.countyHow')}</th>
              <th scope="col" className="num">
                {t('import.report.countyRows')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((m) => (
              <tr key={`${m.province ?? ''}-${m.source}`} data-testid="import-county" data-source={m.source}>
                <td>
                  <span className="imp-source">{m.source}</span>
                  {m.province && <span className="muted"> · {language === 'ko' ? m.province : (m.provinceFileEn ?? m.province)}</span>}
                </td>
                <td>
                  {m.regionCode !== null ? (
                    language === 'ko' ? (
                      <span>
                        {m.provinceKo} <strong>{m.nameKo}</strong>
                      </span>
                    ) : (
                      <span>
                        <strong>{m.nameEn ?? m.nameKo}</strong>
                        {m.provinceEn && <span className="muted">, {m.provinceEn}</span>}
                      </span>
                    )
                  ) : (
                    <CountyChoice
                      match={m}
                      units={units}
                      value={picked[m.source] ?? ''}
                      onPick={(code) => setPicked({ ...picked, [m.source]: code })}
                    />
                  )}
                </td>
                <td>
                  <span className={m.regionCode === null ? 'imp-badge imp-badge--error' : 'imp-badge'}>
                    {t(`import.report.how.${m.how}`)}
                  </span>
                </td>
                <td className="num">{format(m.rows)}</td>
              </tr>
            ))}
            {exactCount > 0 && (
              <tr className="imp-counties__rest">
                <td colSpan={4} className="muted">
                  + {format(exactCount)} · {t('import.report.how.exact')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {unsure.length > 0 && (
        <div className="imp-actions imp-actions--left">
          <button
            type="button"
            className="button"
            disabled={Object.values(picked).every((v) => v === '')}
            onClick={() =>
              onRecheck({
                ...choices,
                countyChoices: { ...choices.countyChoices, ...Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== '')) },
              })
            }
            data-testid="import-county-apply"
          >
            {t('import.report.countyApply')}
          </button>
        </div>
      )}
    </div>
  );
}
