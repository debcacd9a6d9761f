import { scopesForRole, type Principal, type Role } from '@etika/schema';

export * from './database.ts';
export * from './scope.ts';
export * from './subgraph.ts';

export function userPrincipal(userId: string, orgId: string | null, role: Role | null, sessionId = userId): Principal {
  return { kind: 'user', userId, sessionId, orgId, role, scopes: role ? scopesForRole(role) : [], epoch: 0, issuedAt: Math.floor(Date.now() / 1000) };
}
