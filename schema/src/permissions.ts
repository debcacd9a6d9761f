/**
 * The one permission catalogue: which scopes each role grants. The gateway, every subgraph and the web app
 * read it from here; nothing else may hold a copy.
 */
export const SCOPES = [
  'org:read',
  'org:manage',
  'org:delete',
  'members:read',
  'members:manage',
  'apikeys:manage',
  'audit:read',
  'token:read',
  'token:define',
  'token:issue',
  'token:transfer',
  'token:redeem',
  /** Undo any transaction of the organisation with its mirror image: owners and admins, never an API key. */
  'token:reverse',
  /** Read every transaction of the organisation, with the members in it and their memos. */
  'ledger:read',
  'chain:read',
  'payment:read',
  'payment:create',
  /** Return a buyer's money for the tokens taken back: owners and admins, never an API key. */
  'payment:refund',
  /** Set the prices of the organisation's tokens, see all its payments, reconcile stuck ones: owners and admins. */
  'payment:manage',
  'notification:read',
  /** Manage the organisation's outgoing webhook endpoints (their secrets, replays): owners and admins, never an API key. */
  'webhooks:manage',
  'analytics:read',
] as const;

export type Scope = (typeof SCOPES)[number];

export const ROLES = ['owner', 'admin', 'member', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** What an API key acts as; its scopes are chosen at creation from PARTNER_GRANTABLE. */
export const PARTNER_ROLE = 'partner' as const;
export type PrincipalRole = Role | typeof PARTNER_ROLE;

const memberScopes: readonly Scope[] = [
  'org:read',
  'members:read',
  'token:read',
  'token:transfer',
  'token:redeem',
  'chain:read',
  'payment:read',
  'payment:create',
  'notification:read',
];

const adminScopes: readonly Scope[] = SCOPES.filter((s) => s !== 'org:delete');

export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  owner: SCOPES,
  admin: adminScopes,
  member: memberScopes,
  auditor: ['org:read', 'members:read', 'audit:read', 'token:read', 'ledger:read', 'chain:read', 'payment:read', 'analytics:read'],
};

/**
 * Scopes an organisation admin may hand to a partner API key. Managing people and keys is never delegated, nor is
 * reversing a transaction: it takes tokens out of the wallets of people who took no part in the request, so a
 * person answers for every reversal. Refunding is the same (it takes a buyer's tokens back and sends money out), so
 * `payment:refund` stays with owners and admins; `payment:manage` may go to a partner's pricing system (prices, the
 * organisation's payments, reconciling stuck ones).
 */
export const PARTNER_GRANTABLE: readonly Scope[] = SCOPES.filter(
  (s) => !['org:manage', 'org:delete', 'members:manage', 'apikeys:manage', 'token:reverse', 'webhooks:manage', 'payment:refund'].includes(s),
);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function scopesForRole(role: Role): readonly Scope[] {
  return ROLE_SCOPES[role];
}

/** Role rank for "may this role grant that role" checks: a member can never make someone an admin. */
export const ROLE_RANK: Readonly<Record<Role, number>> = { owner: 3, admin: 2, auditor: 1, member: 1 };
