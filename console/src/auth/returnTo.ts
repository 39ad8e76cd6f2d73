/** Where to go once signed in: a same-origin path only (no open redirect via ?from=). */
export function safeReturnTo(candidate: string | null | undefined): string {
  return candidate && candidate.startsWith('/') && !candidate.startsWith('//') && !candidate.startsWith('/signin') ? candidate : '/';
}

const RETURN_TO_KEY = 'fundledger.returnTo';

/** Kept across the round trip to the hosted sign-in page (Cognito). */
export function rememberReturnTo(path: string): void {
  sessionStorage.setItem(RETURN_TO_KEY, safeReturnTo(path));
}

export function takeReturnTo(): string | null {
  const to = sessionStorage.getItem(RETURN_TO_KEY);
  sessionStorage.removeItem(RETURN_TO_KEY);
  return to;
}
