import { useTranslation } from 'react-i18next';
import type { LedgerErrorData } from '../../../shared/errors';
import { errorSentence } from '../../../shared/i18n';
import { useLedger } from '../ledger-context';
import { Icon } from './Icon';

/** A failed ledger call, as the clerk's sentence (never a stack). */
export function ErrorBanner({
  error,
  title,
  onRetry,
  testId = 'error-banner',
}: {
  error: LedgerErrorData;
  title?: string;
  onRetry?: () => void;
  testId?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  return (
    <div className="banner banner--error" role="alert" data-testid={testId}>
      <Icon name="alert" className="banner__icon" size={20} />
      <div className="banner__body">
        {title !== undefined && <div className="banner__title">{title}</div>}
        <div className="banner__text" data-testid={`${testId}-text`}>
          {errorSentence(error, language)}
        </div>
      </div>
      {onRetry !== undefined && (
        <button type="button" className="button button--ghost" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
