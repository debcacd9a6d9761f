import { z } from 'zod';
import {
  ANONYMOUS,
  PARTNER_ROLE,
  ROLES,
  SCOPES,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type Principal,
} from '@etika/schema';
import { BoundedCache } from './cache.ts';
import { signToken, verifyToken } from './tokens.ts';

type Key = Parameters<typeof verifyToken>[0];

/** How long a principal token lives: one request, with room for slow plans. */
export const PRINCIPAL_TOKEN_SECONDS = 60;

const claimsSchema = z.discriminatedUnion('knd', [
  z.object({ knd: z.literal('anonymous') }),
  z.object({
    knd: z.literal('user'),
    sub: z.string().uuid(),
    sid: z.string().uuid(),
    org: z.string().uuid().nullable(),
    role: z.enum(ROLES).nullable(),
    scp: z.array(z.enum(SCOPES)),
    ep: z.number().int().nonnegative(),
    /** when the access token was issued (seconds), for the rights check */
    ait: z.number().int().nonnegative(),
  }),
  z.object({
    knd: z.literal('apiKey'),
    sub: z.string().uuid(),
    org: z.string().uuid(),
    role: z.literal(PARTNER_ROLE),
    scp: z.array(z.enum(SCOPES)),
  }),
]);

export function principalClaims(principal: Principal): Record<string, unknown> {
  switch (principal.kind) {
    case 'anonymous':
      return { knd: 'anonymous' };
    case 'user':
      return {
        knd: 'user',
        sub: principal.userId,
        sid: principal.sessionId,
        org: principal.orgId,
        role: principal.role,
        scp: principal.scopes,
        ep: principal.epoch,
        ait: principal.issuedAt,
      };
    case 'apiKey':
      return { knd: 'apiKey', sub: principal.keyId, org: principal.orgId, role: PARTNER_ROLE, scp: principal.scopes };
  }
}

/** The gateway signs the principal once per request; subgraphs accept nothing else as identity. */
export async function signPrincipalToken(key: Key, principal: Principal): Promise<string> {
  return signToken(key, principalClaims(principal), {
    issuer: TOKEN_ISSUER.gateway,
    audience: TOKEN_AUDIENCE.subgraph,
    expiresInSeconds: PRINCIPAL_TOKEN_SECONDS,
  });
}

export async function verifyPrincipalToken(key: Key, token: string): Promise<Principal> {
  return (await verifyPrincipalTokenWithExpiry(key, token)).principal;
}

async function verifyPrincipalTokenWithExpiry(key: Key, token: string): Promise<{ principal: Principal; expiresAt: number }> {
  const payload = await verifyToken(key, token, { issuer: TOKEN_ISSUER.gateway, audience: TOKEN_AUDIENCE.subgraph });
  const claims = claimsSchema.parse(payload);
  const expiresAt = (payload.exp ?? 0) * 1000;
  switch (claims.knd) {
    case 'anonymous':
      return { principal: ANONYMOUS, expiresAt };
    case 'user':
      return {
        principal: { kind: 'user', userId: claims.sub, sessionId: claims.sid, orgId: claims.org, role: claims.role, scopes: claims.scp, epoch: claims.ep, issuedAt: claims.ait },
        expiresAt,
      };
    case 'apiKey':
      return { principal: { kind: 'apiKey', keyId: claims.sub, orgId: claims.org, role: PARTNER_ROLE, scopes: claims.scp }, expiresAt };
  }
}

/**
 * Principal-token verification for a subgraph's hot path: the gateway reuses one token across requests, so a
 * verified token is remembered until its own expiry (bounded in size); anything else is verified in full.
 */
export function principalVerifier(key: Key, maxEntries = 10_000): (token: string) => Promise<Principal> {
  const verified = new BoundedCache<string, Principal>(maxEntries);
  return async (token) => {
    const hit = verified.get(token);
    if (hit) return hit;
    const fresh = await verifyPrincipalTokenWithExpiry(key, token);
    verified.set(token, fresh.principal, { expiresAt: fresh.expiresAt });
    return fresh.principal;
  };
}
