// Deleting rows: says how many and which, what depends on them, and offers the safe choice first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeleteMode, DeletePreview } from '../../../shared/api/grid.contract';
import { Modal } from './Modal';

export function DeleteDialog({
  preview,
  grid,
  onConfirm,
  onClose,
}: {
  preview: DeletePreview;
  grid: string;
  onConfirm: (mode: DeleteMode) => void;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [mode, setMode] = useState<DeleteMode | null>(preview.modes[0] ?? null);
  const more = preview.count - preview.labels.length;
  const dependents =
    grid === 'cohorts'
      ? t('grid.delete.dependentsCohort', preview.dependents)
      : preview.dependents.placements > 0
        ? t('grid.delete.dependents', preview.dependents)
        : null;
  return (
    <Modal
      title={t('grid.delete.title', { count: preview.count })}
      onClose={onClose}
      testId="delete-dialog"
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('grid.delete.cancel')}
          </button>
          {!preview.blocked && mode && (
            <button
              type="button"
              className={`button ${mode.startsWith('cancel') ? 'button--primary' : 'button--danger'}`}
              onClick={() => onConfirm(mode)}
              data-testid="delete-confirm"
            >
              {t(`grid.delete.modes.${mode}`)}
            </button>
          )}
        </>
      }
    >
      <p data-testid="delete-which">
        {t('grid.delete.which', { labels: preview.labels.join(', ') })}
        {more > 0 && t('grid.delete.andMore', { count: more })}
      </p>
      {dependents && <p className="modal__warning">{dependents}</p>}
      {preview.blocked ? (
        <p className="modal__warning" role="alert">
          {t('grid.delete.blocked')}
        </p>
      ) : (
        preview.modes.length > 1 && (
          <fieldset className="choice-list">
            {preview.modes.map((m) => (
              <label key={m} className="choice-list__item">
                <input
                  type="radio"
                  name="delete-mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => setMode(m)}
                  data-testid={`delete-mode-${m}`}
                />
                <span>
                  <strong>{t(`grid.delete.modes.${m}`)}</strong>
                  <span className="muted">{t(`grid.delete.explain.${m}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )
      )}
      {preview.modes.length === 1 && !preview.blocked && <p className="muted">{t(`grid.delete.explain.${preview.modes[0]!}`)}</p>}
    </Modal>
  );
}
