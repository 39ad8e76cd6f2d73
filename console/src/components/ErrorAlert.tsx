import { Alert, Button } from 'antd';
import { useI18n } from '../i18n';
import { ApiError } from '../services/api';
import { ProblemDetailsToggle } from './ProblemDetails';

/**
 * Why a read failed, in one sentence from the glossary; the API's own words (status, rule id,
 * English detail, request) folded behind a details toggle.
 */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  let message = t('common.error');
  let details: { status?: number; rule?: string; detail?: string; request?: string } = { detail: error instanceof Error ? error.message : String(error) };
  if (error instanceof ApiError) {
    const p = error.problem;
    if (error.kind === 'network') message = t('error.network');
    else if (error.kind === 'invalid-response') message = t('error.invalid');
    else if (p.status === 403) message = t('error.forbidden');
    else if (p.status === 401) message = t('error.unauthorized');
    else if (p.status === 404) message = t('problem.notFound');
    else if (p.status === 503) message = t('problem.busy');
    details = { ...(p.status ? { status: p.status } : {}), ...(p.rule ? { rule: p.rule } : {}), ...(p.detail ? { detail: p.detail } : {}), request: error.request };
  }
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      description={<ProblemDetailsToggle details={details} />}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
