import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { useAuth } from './context';

/** Pages behind sign-in: signed-out visitors go to /signin and come back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') return <PageSpinner />;
  if (auth.status === 'signed-out') {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={`/signin${from === '/' ? '' : `?from=${encodeURIComponent(from)}`}`} replace />;
  }
  return <>{children}</>;
}
