import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useAuth } from '../auth/context';
import type { Role } from '../auth/types';
import { useI18n } from '../i18n';

/**
 * A page only some roles may read (the same roles the API lets through): anyone else gets why, in
 * words, and no table, filter or export of data they cannot have.
 */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { identity } = useAuth();
  const { t, label } = useI18n();
  if (roles.some((r) => identity?.roles.includes(r))) return <>{children}</>;
  const who = roles.map((r) => label('role', r)).join(t('ui.orSeparator'));
  return <Result status="403" title={t('refused.title')} subTitle={t('refused.page', { roles: who })} data-testid="page-refused" />;
}
