/**
 * The ready identities the local console offers at /signin (GET /local/identities), and the
 * tokens the local server mints for them (POST /local/tokens). LOCAL ONLY: these routes live in
 * local/server.ts, not in functions/routes.ts, so they are neither deployed nor in /openapi.json.
 * The signing secret stays in this process; the browser only ever receives a signed token.
 *
 * Subjects match the tokens local/demo.ts uses to load the demo data, so the second finance
 * officer and the second admin can act on what the first one posted (four-eyes).
 */
import { LOCAL_JWT_TTL_SECONDS, signTokenSync, type Role } from './jwt';

export interface LocalIdentity {
  identityId: string;
  role: Role;
  sub: string;
  /** Display name (Chinese), as the `name` claim. */
  name: string;
  /** What the identity acts for, in words: "省级", the zone's or city's name. */
  scope: string;
  zoneId?: string;
  city?: string;
}

export const LOCAL_IDENTITIES: readonly LocalIdentity[] = [
  { identityId: 'admin', role: 'admin', sub: 'local-admin', name: '省科技厅 王建国', scope: '省科技厅计划处' },
  { identityId: 'admin-2', role: 'admin', sub: 'local-admin-2', name: '省科技厅 陈晓燕', scope: '省科技厅计划处' },
  { identityId: 'finance-officer', role: 'finance-officer', sub: 'local-finance-officer', name: '省财务 张敏', scope: '省财政厅' },
  { identityId: 'finance-officer-2', role: 'finance-officer', sub: 'local-finance-officer-2', name: '省财务 李强', scope: '省财政厅' },
  {
    identityId: 'zone-committee-NJ-HTZ',
    role: 'zone-committee',
    sub: 'local-zone-committee-NJ-HTZ',
    name: '南京高新区管委会 刘洋',
    scope: '南京高新技术产业开发区',
    zoneId: 'NJ-HTZ',
  },
  {
    identityId: 'zone-committee-SZ-SIP',
    role: 'zone-committee',
    sub: 'local-zone-committee-SZ-SIP',
    name: '苏州工业园区管委会 周婷',
    scope: '苏州工业园区',
    zoneId: 'SZ-SIP',
  },
  { identityId: 'city-bureau-nanjing', role: 'city-bureau', sub: 'local-city-bureau-nanjing', name: '南京市科技局 赵磊', scope: '南京市', city: '南京市' },
  { identityId: 'auditor', role: 'auditor', sub: 'local-auditor', name: '省审计厅 孙丽', scope: '省审计厅' },
];

export function findLocalIdentity(identityId: unknown): LocalIdentity | undefined {
  return typeof identityId === 'string' ? LOCAL_IDENTITIES.find((i) => i.identityId === identityId) : undefined;
}

/** A token for one of the identities above, and when it expires (ISO UTC). */
export function mintLocalToken(identity: LocalIdentity, now: Date = new Date()): { token: string; expiresAt: string } {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = signTokenSync({
    role: identity.role,
    sub: identity.sub,
    name: identity.name,
    issuedAt,
    ...(identity.zoneId ? { zone: identity.zoneId } : {}),
    ...(identity.city ? { city: identity.city } : {}),
  });
  return { token, expiresAt: new Date((issuedAt + LOCAL_JWT_TTL_SECONDS) * 1000).toISOString() };
}
