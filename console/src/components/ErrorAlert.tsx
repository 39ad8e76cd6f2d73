import { Alert, App, Button } from 'antd';
import { useCallback } from 'react';
import { useI18n } from '../i18n';
import { explainReadError, problemDetails } from '../services/problems';
import { ProblemDetailsToggle } from './ProblemDetails';

/**
 * Why a read failed, in one sentence from the glossary (services/problems.ts explainReadError); the
 * API's own words (status, rule id, English detail, request) folded behind a details toggle.
 */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={explainReadError(error, t)}
      description={<ProblemDetailsToggle details={problemDetails(error)} />}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

/** A failed download, told as a failed read is: the same one sentence, in a message at the top. */
export function useReadErrorMessage(): (error: unknown) => void {
  const { t } = useI18n();
  const { message } = App.useApp();
  return useCallback((error: unknown) => void message.error(explainReadError(error, t)), [message, t]);
}
