import type { ReactNode } from 'react';

/** Title and one-line description. The h1 takes focus after navigation (see App). */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description: string;
  actions?: ReactNode;
}): React.JSX.Element {
  return (
    <header className="page-header">
      <div>
        <h1 className="page-header__title" tabIndex={-1} data-testid="page-title">
          {title}
        </h1>
        <p className="page-header__description">{description}</p>
      </div>
      {actions !== undefined && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
