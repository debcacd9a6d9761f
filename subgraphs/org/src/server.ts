import { fileURLToPath } from 'node:url';
import { createSubgraphServer, importPublicKey, peerUrlOrThrow, type SubgraphDeps, type SubgraphServer } from '@etika/kit';
import type { OrgContext, OrgServices } from './context.ts';
import { orgInternalRoutes } from './internal.ts';
import { MembershipService } from './membership/membership.service.ts';
import { httpUserDirectory } from './membership/users.client.ts';
import { OrganizationService } from './organization/organization.service.ts';
import { buildOrgSchema } from './schema.ts';

export const ORG_MIGRATIONS = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface OrgServer {
  readonly server: SubgraphServer<OrgContext>;
}

export async function buildOrgServer(deps: SubgraphDeps): Promise<OrgServer> {
  const db = deps.database.db;
  const services: OrgServices = {
    organizations: new OrganizationService(db),
    memberships: new MembershipService(db, httpUserDirectory(() => peerUrlOrThrow(deps.peers, 'identity'))),
  };
  const server = await createSubgraphServer<OrgContext>({
    name: 'org',
    schema: await buildOrgSchema(),
    db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: deps.keys.gateway.publicJwk,
    buildContext: (info) => ({ ...info, services }),
    internalRoutes: orgInternalRoutes(await importPublicKey(deps.keys.identity.publicJwk), await importPublicKey(deps.keys.gateway.publicJwk), services.memberships),
  });
  return { server };
}
