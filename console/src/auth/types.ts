/**
 * What the console knows about who is signed in, whichever way they signed in. Pages use
 * `useAuth()` and never know whether a local token or Cognito is behind it.
 */
export const ROLES = ['admin', 'finance-officer', 'zone-committee', 'city-bureau', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  sub: string;
  name: string | null;
  /** Every FundLedger role the token carries (cognito:groups). */
  roles: Role[];
  /** The one the console is shaped for: the first of `roles` in ROLES order. */
  role: Role | null;
  /** custom:zoneId — a zone committee's zone. */
  zoneId: string | null;
  /** custom:city — a city bureau's city. */
  city: string | null;
  /** Token expiry, epoch milliseconds. */
  expiresAt: number | null;
}

interface AuthCommon {
  status: 'loading' | 'signed-out' | 'signed-in';
  identity: Identity | null;
  /** Why the last sign-in failed, if it did. */
  error: string | null;
  signOut(): Promise<void>;
}

/** Local development: the local server mints a token for a ready identity. */
export interface LocalAuth extends AuthCommon {
  kind: 'local';
  signInAs(identityId: string): Promise<void>;
}

/** AWS: Cognito user pool, OIDC authorization code + PKCE. */
export interface CognitoAuth extends AuthCommon {
  kind: 'cognito';
  /** Leaves for the hosted sign-in page; comes back to /signin, then to `returnTo`. */
  signInRedirect(returnTo: string): Promise<void>;
}

export type Auth = LocalAuth | CognitoAuth;
