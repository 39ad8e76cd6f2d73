/**
 * The token this tab is signed in with, read from where the sign-in keeps it, before React has
 * rendered (for the reads started at boot: services/early.ts). Null when signed out or expired:
 * the providers then decide what to do, as they always did.
 */
import type { ConsoleConfig } from '../config';
import { liveIdentity } from './claims';
import { storedSession } from './local';
import type { Identity } from './types';

export function bootSession(config: ConsoleConfig): { token: string; identity: Identity } | null {
  if (config.auth.kind === 'local') return storedSession();
  try {
    // oidc-client-ts keeps the user under this key in sessionStorage (auth/cognito.tsx's userStore).
    const raw = sessionStorage.getItem(`oidc.user:${config.auth.authority}:${config.auth.clientId}`);
    const token: unknown = raw ? (JSON.parse(raw) as { id_token?: unknown }).id_token : null;
    const identity = liveIdentity(token);
    return identity ? { token: token as string, identity } : null;
  } catch {
    return null;
  }
}
