/**
 * What the admin pages' reads share: the not-found test, the read-only note, the back link. Why a
 * read failed is every page's ErrorAlert; their writes are the console's one form layer
 * (components/forms.tsx: useWriteForm, ProblemAlert).
 */
import { Alert } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../../services/api';
import { useWords } from './words';

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
