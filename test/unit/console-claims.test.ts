/**
 * The console's reading of a token (console/src/auth/claims.ts): liveIdentity is what the local
 * sign-in, the stored session and the boot reads all accept, so an expired or unreadable token is
 * refused in one place.
 */
import { liveIdentity } from '../../console/src/auth/claims';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: Record<string, unknown>) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.signature`;
const NOW = Date.UTC(2026, 11, 7, 8, 0, 0);
const claims = { sub: 'local-auditor', name: '省审计厅 孙丽', 'cognito:groups': ['auditor'] };

describe('liveIdentity', () => {
  it('reads a token that expires later: whom, which role, when it expires', () => {
    const exp = NOW / 1000 + 60;
    expect(liveIdentity(token({ ...claims, exp }), NOW)).toMatchObject({ sub: 'local-auditor', name: '省审计厅 孙丽', role: 'auditor', expiresAt: exp * 1000 });
  });

  it('refuses a token at or after its expiry', () => {
    expect(liveIdentity(token({ ...claims, exp: NOW / 1000 }), NOW)).toBeNull();
    expect(liveIdentity(token({ ...claims, exp: NOW / 1000 - 1 }), NOW)).toBeNull();
  });

  it('takes a token without an expiry as it is (the API still verifies every call)', () => {
    expect(liveIdentity(token(claims), NOW)).toMatchObject({ sub: 'local-auditor', expiresAt: null });
  });

  it('refuses what is not a readable token: not a string, no payload, a payload that is not JSON, no subject', () => {
    for (const bad of [undefined, null, 42, { token: 'x' }, '', 'only-one-part', `${b64url({})}.not-json.x`, token({ ...claims, sub: '' })]) {
      expect(liveIdentity(bad, NOW)).toBeNull();
    }
  });
});
