// The layout's own controls: the file's kind, its sheet, the header row, the CSV encoding, and
// reading the file again with them.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectResult } from '../../../../shared/api/import.contract';
import type { Choices } from './choices';

/** The clerk changed what the file must be read again for (sheet, header row, kind, encoding). */
export function layoutChanged(inspect: InspectResult, choices: Choices): boolean {
  return (
    (choices.sheet ?? null) !== inspect.sheet ||
    (choices.headerRow ?? inspect.headerRow) !== inspect.headerRow ||
    (choices.kind !== 'auto' && choices.kind !== inspect.kind) ||
    (choices.encoding !== 'auto' && choices.encoding !== inspect.encoding)
  );
}

/** The header row: up, down, or typed (the file is then read again with it). */
function HeaderRowStepper({ id, value, onRow }: { id: string; value: number; onRow: (row: number) => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="imp-stepper">
      <button
        type="button"
        className="button button--icon"
        aria-label={t('import.layout.headerUp')}
        title={t('import.layout.headerUp')}
        disabled={value <= 1}
        onClick={() => onRow(Math.max(1, value - 1))}
        data-testid="import-header-up"
      >
        ▲
      </button>
      <input
        id={id}
        className="input imp-stepper__input"
        type="number"
        min={1}
        value={value}
        onChange={(e) => {
          const n = Number(e.target.value);
          if (Number.isInteger(n) && n >= 1) onRow(n);
        }}
        data-testid="import-header-row"
      />
      <button
        type="button"
        className="button button--icon"
        aria-label={t('import.layout.headerDown')}
        title={t('import.layout.headerDown')}
        onClick={() => onRow(value + 1)}
        data-testid="import-header-down"
      >
        ▼
      </button>
    </div>
  );
}

export function LayoutControls({
  inspect,
  choices,
  busy,
  onChoices,
  onReread,
}: {
  inspect: InspectResult;
  choices: Choices;
  busy: boolean;
  onChoices: (choices: Choices) => void;
  onReread: (choices: Choices) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const ids = { kind: useId(), sheet: useId(), header: useId(), encoding: useId() };
  const headerRow = choices.headerRow ?? inspect.headerRow;
  return (
    <div className="imp-controls">
      <div className="imp-control">
        <label className="field__label" htmlFor={ids.kind}>
          {t('import.kinds.label')}
        </label>
        <select
          id={ids.kind}
          className="input"
          value={choices.kind === 'auto' ? inspect.kind : choices.kind}
          onChange={(e) => onChoices({ ...choices, kind: e.target.value as Choices['kind'], mapping: {} })}
          data-testid="import-kind"
        >
          <option value="decision">{t('import.kinds.decision')}</option>
          <option value="requests">{t('import.kinds.requests')}</option>
        </select>
      </div>
      {inspect.format === 'xlsx' && (
        <div className="imp-control imp-control--wide">
          <label className="field__label" htmlFor={ids.sheet}>
            {t('import.layout.sheet')}
          </label>
          <select
            id={ids.sheet}
            className="input"
            value={choices.sheet ?? inspect.sheet ?? ''}
            onChange={(e) => onChoices({ ...choices, sheet: e.target.value, headerRow: undefined, mapping: {} })}
            data-testid="import-sheet"
          >
            {inspect.sheets.map((s) => (
              <option key={s.name} value={s.name}>
                {s.hidden ? t('import.layout.sheetHidden', { name: s.name }) : s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="imp-control">
        <label className="field__label" htmlFor={ids.header}>
          {t('import.layout.headerRow')}
        </label>
        <HeaderRowStepper id={ids.header} value={headerRow} onRow={(row) => onChoices({ ...choices, headerRow: row, mapping: {} })} />
      </div>
      {inspect.format === 'csv' && (
        <div className="imp-control">
          <label className="field__label" htmlFor={ids.encoding}>
            {t('import.layout.encoding')}
          </label>
          <select
            id={ids.encoding}
            className="input"
            value={choices.encoding === 'auto' ? (inspect.encoding === 'cp949' ? 'cp949' : 'utf8') : choices.encoding}
            onChange={(e) => onChoices({ ...choices, encoding: e.target.value as Choices['encoding'] })}
            data-testid="import-encoding"
          >
            <option value="utf8">
              UTF-8{inspect.encodingDetected === 'utf8' ? ` — ${t('import.layout.encodingDetected', { encoding: '' }).trim()}` : ''}
            </option>
            <option value="cp949">
              CP949 (EUC-KR)
              {inspect.encodingDetected === 'cp949' ? ` — ${t('import.layout.encodingDetected', { encoding: '' }).trim()}` : ''}
            </option>
          </select>
        </div>
      )}
      <div className="imp-control imp-control--action">
        <button
          type="button"
          className="button"
          disabled={!layoutChanged(inspect, choices) || busy}
          onClick={() => onReread(choices)}
          data-testid="import-reread"
        >
          {busy ? t('import.layout.rereading') : t('import.layout.reread')}
        </button>
      </div>
    </div>
  );
}
