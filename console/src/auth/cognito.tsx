/**
 * Cognito sign-in for the deployed console: OIDC authorization code + PKCE (oidc-client-ts's
 * default for response_type "code") through react-oidc-context, refresh tokens for silent
 * renewal, and Cognito's own /logout endpoint (Cognito publishes no end_session_endpoint).
 *
 * Loaded on demand (React.lazy) only when config.json says `auth.kind: "cognito"`, so the local
 * console does not carry the OIDC libraries.
 *
 * The API is called with the **ID token**: the handlers read `custom:zoneId` / `custom:city`,
 * custom attributes that Cognito puts into ID tokens only, and API Gateway's JWT authorizer
 * accepts an ID token whose `aud` is the app client.
 *
 * Not yet tried against a real user pool (no AWS account here): the app client needs the
 * callback and sign-out URLs `<console origin>/signin`, the code grant, and scopes openid/profile/email.
 */
import { WebStorageStateStore, type User } from 'oidc-client-ts';
import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { AuthProvider, useAuth as useOidc } from 'react-oidc-context';
import type { AuthConfig } from '../config';
import { ApiClient, ApiContext } from '../services/api';
import { identityFromToken } from './claims';
import { rememberReturnTo } from './returnTo';
import { AuthContext } from './context';
import type { CognitoAuth } from './types';

type CognitoConfig = Extract<AuthConfig, { kind: 'cognito' }>;

const callbackUrl = (): string => `${window.location.origin}/signin`;

/** Cognito's logout endpoint: ends the hosted-UI session, then comes back to /signin. */
export function cognitoLogoutUrl(config: CognitoConfig, origin: string): string {
  const params = new URLSearchParams({ client_id: config.clientId, logout_uri: `${origin}/signin` });
  return `https://${config.domain}/logout?${params.toString()}`;
}

function CognitoBridge({ config, apiUrl, children }: { config: CognitoConfig; apiUrl: string; children: ReactNode }) {
  const oidc = useOidc();
  const user: User | null | undefined = oidc.user;
  const idToken = user && !user.expired ? (user.id_token ?? null) : null;
  const tokenRef = useRef<string | null>(null);
  tokenRef.current = idToken;
  const oidcRef = useRef(oidc);
  oidcRef.current = oidc;

  const api = useMemo(
    () => new ApiClient({ baseUrl: apiUrl, getToken: () => tokenRef.current, onUnauthorized: () => void oidcRef.current.removeUser() }),
    [apiUrl],
  );
  const identity = useMemo(() => (idToken ? identityFromToken(idToken) : null), [idToken]);

  const signInRedirect = useCallback(async (returnTo: string) => {
    rememberReturnTo(returnTo);
    await oidcRef.current.signinRedirect();
  }, []);
  const signOut = useCallback(async () => {
    await oidcRef.current.removeUser();
    window.location.assign(cognitoLogoutUrl(config, window.location.origin));
  }, [config]);

  const auth = useMemo<CognitoAuth>(
    () => ({
      kind: 'cognito',
      status: oidc.isLoading || oidc.activeNavigator === 'signinSilent' ? 'loading' : identity ? 'signed-in' : 'signed-out',
      identity,
      error: oidc.error?.message ?? null,
      signInRedirect,
      signOut,
    }),
    [oidc.isLoading, oidc.activeNavigator, oidc.error, identity, signInRedirect, signOut],
  );

  return (
    <ApiContext.Provider value={api}>
      <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>
    </ApiContext.Provider>
  );
}

export default function CognitoAuthProvider({ config, apiUrl, children }: { config: CognitoConfig; apiUrl: string; children: ReactNode }) {
  const settings = useMemo(
    () => ({
      authority: config.authority,
      client_id: config.clientId,
      redirect_uri: callbackUrl(),
      post_logout_redirect_uri: callbackUrl(),
      response_type: 'code', // + PKCE (S256), oidc-client-ts's default for the code flow
      scope: config.scope ?? 'openid profile email',
      // Renews before expiry with the refresh token Cognito issues for the code grant.
      automaticSilentRenew: true,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      // Drop ?code=&state= from the address once the callback is handled; /signin then moves on.
      onSigninCallback: () => window.history.replaceState({}, document.title, window.location.pathname),
    }),
    [config],
  );
  return (
    <AuthProvider {...settings}>
      <CognitoBridge config={config} apiUrl={apiUrl}>
        {children}
      </CognitoBridge>
    </AuthProvider>
  );
}
