import type { PrincipalRole, Scope } from './permissions.ts';

/** Who is calling, in which organisation, with which scopes. Built by the gateway, verified by subgraphs. */
export type Principal =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly sessionId: string;
      readonly orgId: string | null;
      readonly role: PrincipalRole | null;
      readonly scopes: readonly Scope[];
      /** The membership epoch identity read when it issued the access token (see the kit's `Rights`). */
      readonly epoch: number;
      /** When the access token was issued, in seconds. */
      readonly issuedAt: number;
    }
  | {
      readonly kind: 'apiKey';
      readonly keyId: string;
      readonly orgId: string;
      readonly role: 'partner';
      readonly scopes: readonly Scope[];
    };

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous' });

/** Issuer and audience of tokens on the platform: fixed, checked on every verification. */
export const TOKEN_ISSUER = {
  identity: 'etika:identity',
  gateway: 'etika:gateway',
} as const;
export const TOKEN_AUDIENCE = {
  access: 'etika:api',
  refresh: 'etika:refresh',
  subgraph: 'etika:subgraphs',
  /** identity → other subgraphs' internal routes, on a user's behalf. */
  internal: 'etika:internal',
  /** the half-way token between password and second factor */
  mfa: 'etika:mfa',
} as const;

/** Header the gateway sets to the caller's address, for per-address throttles in subgraphs. */
export const CLIENT_ADDRESS_HEADER = 'x-etika-client-address';
/** Header the gateway sets to the caller's user agent (at most 200 characters), to name a session's device. */
export const CLIENT_AGENT_HEADER = 'x-etika-client-agent';

/** The header that carries the principal token from the gateway to a subgraph. */
export const PRINCIPAL_HEADER = 'etika-principal';
export const REQUEST_ID_HEADER = 'x-request-id';

export function principalOrgId(principal: Principal): string | null {
  return principal.kind === 'anonymous' ? null : principal.orgId;
}

export function principalScopes(principal: Principal): readonly string[] {
  return principal.kind === 'anonymous' ? [] : principal.scopes;
}

/** A stable actor label for logs and audit records. */
export function principalActor(principal: Principal): string {
  if (principal.kind === 'user') return `user:${principal.userId}`;
  if (principal.kind === 'apiKey') return `apikey:${principal.keyId}`;
  return 'anonymous';
}
