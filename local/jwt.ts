/**
 * Tokens for the LOCAL dev server and integration tests only (in AWS, Cognito issues tokens and
 * API Gateway's JWT authorizer verifies them).
 *
 * Standard compact JWS, HS256, issuer `fundledger-local`, audience `fundledger`, 12 h expiry, with
 * Cognito-shaped claims (`sub`, `name`, `cognito:groups`, `custom:zoneId`, `custom:city`, `token_use`).
 *
 * Implemented on node:crypto (HMAC-SHA256, constant-time compare) rather than `jose`: jose 6 is
 * ESM-only, and the jest integration project (swc → CommonJS, node_modules untransformed) cannot
 * load it on Node 20, while this module runs inside those tests. The tokens are plain RFC 7519
 * JWTs and interoperate with jose's `SignJWT` / `jwtVerify` (checked, see local/README note in the
 * report). Synchronous variants are exported for test ergonomics.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const LOCAL_JWT_ISSUER = 'fundledger-local';
export const LOCAL_JWT_AUDIENCE = 'fundledger';
export const LOCAL_JWT_TTL_SECONDS = 12 * 60 * 60;

/**
 * LOCAL-ONLY development secret. Never used outside the local server and tests; override with
 * env LOCAL_JWT_SECRET. Deployed stacks never see this value (Cognito signs real tokens).
 */
export const LOCAL_DEV_JWT_SECRET = 'fundledger-LOCAL-ONLY-dev-secret-not-for-any-deployed-stage';

export const ROLES = ['admin', 'finance-officer', 'zone-committee', 'city-bureau', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export interface LocalClaims {
  sub: string;
  name?: string;
  'cognito:groups': string[];
  'custom:zoneId'?: string;
  /** The city a city bureau reads for, e.g. "南京市". */
  'custom:city'?: string;
  token_use: 'id';
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

export interface SignTokenInput {
  role: Role;
  /** Required for zone-committee. */
  zone?: string;
  /** Required for city-bureau (`custom:city`, e.g. "南京市"). */
  city?: string;
  sub?: string;
  name?: string;
  /** Default 12 h. Negative values make an already expired token (for tests). */
  expiresInSeconds?: number;
  /** Seconds since epoch; default now. */
  issuedAt?: number;
}

const secret = (): Buffer => Buffer.from(process.env.LOCAL_JWT_SECRET || LOCAL_DEV_JWT_SECRET, 'utf8');
const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export const defaultSub = (role: Role, zone?: string): string => (zone ? `local-${role}-${zone}` : `local-${role}`);

export function signTokenSync(input: SignTokenInput): string {
  if (!isRole(input.role)) throw new Error(`unknown role "${String(input.role)}" (one of ${ROLES.join(', ')})`);
  if (input.role === 'zone-committee' && !input.zone) throw new Error('zone-committee tokens need a zone');
  if (input.role === 'city-bureau' && !input.city) throw new Error('city-bureau tokens need a city');
  const iat = input.issuedAt ?? nowSeconds();
  const claims: LocalClaims = {
    sub: input.sub ?? defaultSub(input.role, input.zone),
    name: input.name ?? `Local ${input.role}${input.zone ? ` ${input.zone}` : ''}${input.city ? ` ${input.city}` : ''}`,
    'cognito:groups': [input.role],
    ...(input.zone ? { 'custom:zoneId': input.zone } : {}),
    ...(input.city ? { 'custom:city': input.city } : {}),
    token_use: 'id',
    iss: LOCAL_JWT_ISSUER,
    aud: LOCAL_JWT_AUDIENCE,
    iat,
    exp: iat + (input.expiresInSeconds ?? LOCAL_JWT_TTL_SECONDS),
  };
  const signingInput = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  const signature = createHmac('sha256', secret()).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

export async function signToken(input: SignTokenInput): Promise<string> {
  return signTokenSync(input);
}

/** Claims when the token is well-formed, correctly signed, from our issuer/audience and not expired; else null. */
export function verifyTokenSync(token: string): LocalClaims | null {
  try {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (header.alg !== 'HS256' || header.crit !== undefined) return null;
    const expected = createHmac('sha256', secret()).update(`${headerPart}.${payloadPart}`).digest();
    const given = Buffer.from(signaturePart, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    const now = nowSeconds();
    if (claims.iss !== LOCAL_JWT_ISSUER) return null;
    const aud = claims.aud;
    if (!(aud === LOCAL_JWT_AUDIENCE || (Array.isArray(aud) && aud.includes(LOCAL_JWT_AUDIENCE)))) return null;
    if (typeof claims.exp !== 'number' || claims.exp <= now) return null;
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) return null;
    if (typeof claims.sub !== 'string' || claims.sub === '') return null;
    return claims as LocalClaims;
  } catch {
    return null;
  }
}

export async function verifyToken(token: string): Promise<LocalClaims | null> {
  return verifyTokenSync(token);
}
