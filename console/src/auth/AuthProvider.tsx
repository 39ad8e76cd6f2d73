import { lazy, Suspense, type ReactNode } from 'react';
import type { ConsoleConfig } from '../config';
import { PageSpinner } from '../components/PageSpinner';
import { LocalAuthProvider } from './local';

const CognitoAuthProvider = lazy(() => import('./cognito'));

/** Chooses the sign-in implementation from the runtime configuration. */
export function AuthProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  if (config.auth.kind === 'local') return <LocalAuthProvider apiUrl={config.apiUrl}>{children}</LocalAuthProvider>;
  return (
    <Suspense fallback={<PageSpinner />}>
      <CognitoAuthProvider config={config.auth} apiUrl={config.apiUrl}>
        {children}
      </CognitoAuthProvider>
    </Suspense>
  );
}
