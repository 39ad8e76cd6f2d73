import { Alert, Button } from 'antd';
import { useI18n } from '../i18n';
import { ApiError } from '../services/api';

/** Shows why a request failed: the problem's title and detail, its status and rule id. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  let message = t('common.error');
  let description: string = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError) {
    const p = error.problem;
    if (error.kind === 'network') message = t('error.network');
    else if (error.kind === 'invalid-response') message = t('error.invalid');
    else if (p.status === 403) message = t('error.forbidden');
    else if (p.status === 401) message = t('error.unauthorized');
    else message = p.title;
    const parts = [p.detail, p.rule ? `rule: ${p.rule}` : null, p.status ? `HTTP ${p.status}` : null, error.request].filter(Boolean);
    description = parts.join(' · ');
  }
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      description={description}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
