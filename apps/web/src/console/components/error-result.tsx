import { Alert, Button, Result } from 'antd';
import { isApiError } from '../../shared/api-client.ts';
import { useLocale } from '../../shared/i18n/locale-context.tsx';

/** Full-area error for a page or panel whose data could not be loaded. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useLocale();
  const apiError = isApiError(error) ? error : null;
  const status = apiError?.status === 404 ? '404' : apiError?.status === 403 ? '403' : 'error';
  const title = apiError ? apiError.message : t('app.networkError');
  return (
    <Result
      status={status}
      title={title}
      extra={onRetry && status === 'error' ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
    />
  );
}

/** A banner above a list whose latest load failed, with a retry link; the list keeps its last data. */
export function LoadErrorAlert({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useLocale();
  return (
    <Alert
      type="error"
      showIcon
      title={isApiError(error) ? error.message : t('app.networkError')}
      action={<a onClick={onRetry}>{t('app.retry')}</a>}
      style={{ marginBottom: 12 }}
    />
  );
}
