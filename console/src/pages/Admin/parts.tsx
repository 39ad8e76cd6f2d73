/**
 * What the admin pages' reads share: why a read failed (one sentence, the API's own words under a
 * toggle), the read-only note, the back link. Their writes are the console's one form layer
 * (components/forms.tsx: useWriteForm, ProblemAlert).
 */
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { ProblemDetailsToggle } from '../../components/ProblemDetails';
import { ApiError } from '../../services/api';
import { problemDetails } from '../../services/problems';
import { useWords } from './words';

/** Why a read failed, with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const w = useWords();
  let title = w('admin.error.load');
  if (error instanceof ApiError) {
    if (error.kind === 'network') title = w('error.network');
    else if (error.kind === 'invalid-response') title = w('error.invalid');
    else if (error.status === 401) title = w('error.unauthorized');
    else if (error.status === 403) title = w('error.forbidden');
    else if (error.status >= 500) title = w('admin.error.server');
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={<ProblemDetailsToggle details={problemDetails(error)} />}
      action={onRetry ? <Button onClick={onRetry}>{w('common.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.kind === 'problem' && error.status === 404;

export function BackLink({ to, page }: { to: string; page: string }) {
  const w = useWords();
  return <Link to={to}>{w('admin.common.backTo', { page })}</Link>;
}

/** For the roles that read but do not write here. */
export function ReadOnlyNote() {
  const w = useWords();
  return <Alert type="info" showIcon title={w('admin.common.readOnly')} style={{ marginBottom: 16 }} data-testid="read-only" />;
}
