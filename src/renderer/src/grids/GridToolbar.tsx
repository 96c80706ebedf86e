// A grid page's toolbar (search, new row, delete, fill, undo/redo, the page's own buttons,
// export, columns, reset) and the notice under it.
import type { GridApi } from 'ag-grid-community';
import { useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridRow, UndoState } from '../../../shared/api/grid.contract';
import type { GridId } from '../../../shared/grids';
import { Icon } from '../components/Icon';
import type { Notice } from './grid-core';

export interface GridToolbarProps {
  grid: GridId;
  editable: boolean;
  api: GridApi<GridRow> | null;
  searchRef: RefObject<HTMLInputElement | null>;
  search: string;
  onSearch(value: string): void;
  draft: boolean;
  onAdd(): void;
  onSaveDraft(): void;
  onCancelDraft(): void;
  selectedCount: number;
  locked: boolean;
  onDelete(): void;
  onFill(): void;
  undoState: UndoState | null;
  onUndo(): void;
  onRedo(): void;
  extra: ReactNode;
  onPlace(): void;
  onExport(): void;
  onToggleColumn(colId: string, visible: boolean): void;
  onResetView(): void;
}

export function GridToolbar(p: GridToolbarProps): React.JSX.Element {
  const { t } = useTranslation();
  const [columnsOpen, setColumnsOpen] = useState(false);
  const { grid, undoState, locked } = p;
  const searchPlaceholder =
    grid === 'requests'
      ? t('grid.toolbar.searchPlaceholderRequests')
      : grid === 'cohorts'
        ? t('grid.toolbar.searchPlaceholderCohorts')
        : t('grid.toolbar.searchPlaceholder');
  return (
    <div className="grid-toolbar" role="toolbar" aria-label={t(`grid.pages.${grid}.title`)}>
      <label className="grid-search">
        <span className="visually-hidden">{t('grid.toolbar.search')}</span>
        <input
          ref={p.searchRef}
          className="input"
          type="search"
          value={p.search}
          placeholder={searchPlaceholder}
          onChange={(e) => p.onSearch(e.target.value)}
          data-testid="grid-search"
        />
      </label>
      {p.editable && (
        <>
          {p.draft ? (
            <>
              <button type="button" className="button button--primary" onClick={p.onSaveDraft} data-testid="grid-save-row">
                {t('grid.newRow.save')}
              </button>
              <button type="button" className="button button--ghost" onClick={p.onCancelDraft} data-testid="grid-cancel-row">
                {t('grid.newRow.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={p.onAdd} disabled={locked} data-testid="grid-add">
              {t('grid.toolbar.add')}
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={p.onDelete}
            disabled={p.selectedCount === 0 || locked}
            data-testid="grid-delete"
          >
            {t('grid.toolbar.delete')}
          </button>
          <button
            type="button"
            className="button"
            onClick={p.onFill}
            disabled={p.selectedCount < 2 || locked}
            title="Ctrl+D"
            data-testid="grid-fill"
          >
            {t('grid.toolbar.fillDown')}
          </button>
          <span className="grid-toolbar__divider" />
          <button
            type="button"
            className="button"
            onClick={p.onUndo}
            disabled={!undoState?.canUndo || locked}
            title={
              undoState?.undoKind
                ? t('grid.toolbar.undoWhat', { what: t(`grid.options.operation.${undoState.undoKind}` as never) })
                : 'Ctrl+Z'
            }
            data-testid="grid-undo"
          >
            {t('grid.toolbar.undo')}
          </button>
          <button
            type="button"
            className="button"
            onClick={p.onRedo}
            disabled={!undoState?.canRedo || locked}
            title="Ctrl+Y"
            data-testid="grid-redo"
          >
            {t('grid.toolbar.redo')}
          </button>
        </>
      )}
      {p.extra}
      {grid === 'placements' && (
        <button type="button" className="button button--primary" onClick={p.onPlace} data-testid="grid-place">
          {t('grid.toolbar.place')}
        </button>
      )}
      <span className="grid-toolbar__spacer" />
      <button type="button" className="button button--ghost" onClick={p.onExport} data-testid="grid-export-view">
        {t('grid.toolbar.exportView')}
      </button>
      <div className="grid-columns">
        <button
          type="button"
          className="button button--ghost"
          aria-expanded={columnsOpen}
          onClick={() => setColumnsOpen(!columnsOpen)}
          data-testid="grid-columns"
        >
          {t('grid.toolbar.columns')}
        </button>
        {columnsOpen && p.api && (
          <div className="grid-columns__menu" role="menu">
            {p.api
              .getColumns()
              ?.filter((c) => c.getColId() !== 'ag-Grid-SelectionColumn')
              .map((c) => (
                <label key={c.getColId()} className="grid-columns__item">
                  <input
                    type="checkbox"
                    checked={c.isVisible()}
                    onChange={(e) => p.onToggleColumn(c.getColId(), e.target.checked)}
                    data-testid={`grid-column-toggle-${c.getColId()}`}
                  />
                  {c.getColDef().headerName}
                </label>
              ))}
          </div>
        )}
      </div>
      <button type="button" className="button button--ghost" onClick={p.onResetView} data-testid="grid-reset-view">
        {t('grid.toolbar.resetView')}
      </button>
    </div>
  );
}

export function GridNotice({ notice, onClose }: { notice: Notice; onClose: () => void }): React.JSX.Element {
  return (
    <div
      className={`banner ${notice.kind === 'error' ? 'banner--error' : 'banner--ok'} grid-notice`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      aria-busy={notice.kind === 'busy'}
      data-testid="grid-notice"
    >
      {notice.kind === 'busy' ? (
        <span className="spinner banner__icon" aria-hidden="true" />
      ) : (
        <Icon name={notice.kind === 'error' ? 'alert' : 'check'} className="banner__icon" size={18} />
      )}
      <div className="banner__body">
        <div data-testid="grid-notice-text">{notice.text}</div>
        {notice.details && (
          <ul className="problem-list" data-testid="grid-notice-details">
            {notice.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="banner__close" aria-label="×" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
