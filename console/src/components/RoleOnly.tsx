import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useAuth } from '../auth/context';
import { hasRole } from '../auth/permissions';
import type { Role } from '../auth/types';
import { PageTitle } from './PageTitle';

/**
 * A page only one role can use: anyone else gets the page's title and why, instead of a form the
 * API would refuse (the API decides again on every request).
 */
export function RoleOnly({ role, title, refusal, children }: { role: Role; title: string; refusal: string; children: ReactNode }) {
  const { identity } = useAuth();
  if (identity && !hasRole(identity, role)) {
    return (
      <>
        <PageTitle title={title} />
        <Alert type="warning" showIcon title={refusal} />
      </>
    );
  }
  return <>{children}</>;
}
