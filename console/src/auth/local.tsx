/**
 * Local sign-in: the local server mints a token for one of its ready identities
 * (POST /local/tokens); the token lives in this tab's sessionStorage until it expires, the API
 * answers 401 or the user signs out. No secret ever reaches the browser.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient, ApiContext, ApiError } from '../services/api';
import { liveIdentity } from './claims';
import { AuthContext } from './context';
import type { Identity, LocalAuth } from './types';

const STORAGE_KEY = 'fundledger.session';

interface Session {
  token: string;
  identity: Identity;
}

/** The session this tab keeps, unless it has expired (read at boot too: services/early.ts). */
export function storedSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const { token } = JSON.parse(raw) as { token?: unknown };
    const identity = liveIdentity(token);
    if (!identity) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return { token: token as string, identity };
  } catch {
    return null;
  }
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function LocalAuthProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(storedSession);
  const [error, setError] = useState<string | null>(null);
  // Read by the API client at request time; set during render so children's first effects see it.
  const tokenRef = useRef<string | null>(null);
  tokenRef.current = session?.token ?? null;

  const clear = useCallback(() => {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      /* nothing stored */
    }
    tokenRef.current = null;
    setSession(null);
  }, []);

  const api = useMemo(() => new ApiClient({ baseUrl: apiUrl, getToken: () => tokenRef.current, onUnauthorized: clear }), [apiUrl, clear]);

  useEffect(() => {
    const expiresAt = session?.identity.expiresAt;
    if (!expiresAt) return;
    const timer = setTimeout(clear, Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMEOUT_MS));
    return () => clearTimeout(timer);
  }, [session, clear]);

  const signInAs = useCallback(
    async (identityId: string) => {
      setError(null);
      try {
        const answer = await api.post('/local/tokens', { identityId }, { auth: false });
        const token = (answer as { token?: unknown } | null)?.token;
        const identity = liveIdentity(token);
        if (!identity) throw new Error('the local server answered without a usable token');
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(answer));
        tokenRef.current = token as string;
        setSession({ token: token as string, identity });
      } catch (err) {
        setError(err instanceof ApiError ? err.problem.detail ?? err.problem.title : (err as Error).message);
        throw err;
      }
    },
    [api],
  );

  const signOut = useCallback(async () => clear(), [clear]);

  const auth = useMemo<LocalAuth>(
    () => ({
      kind: 'local',
      status: session ? 'signed-in' : 'signed-out',
      identity: session?.identity ?? null,
      error,
      signInAs,
      signOut,
    }),
    [session, error, signInAs, signOut],
  );

  return (
    <ApiContext.Provider value={api}>
      <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>
    </ApiContext.Provider>
  );
}
