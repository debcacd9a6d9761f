import { createSubgraphServer, importPublicKey, peerUrlOrThrow, type SubgraphDeps, type SubgraphServer, trustedKeyOrThrow } from '@etika/kit';
import type { OrgContext, OrgServices } from './context.ts';
import { orgInternalRoutes } from './internal.ts';
import { MembershipService } from './membership/membership.service.ts';
import { httpUserDirectory } from './membership/users.client.ts';
import { OrganizationService } from './organization/organization.service.ts';
import { buildOrgSchema } from './schema.ts';

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
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    buildContext: (info) => ({ ...info, services }),
    internalRoutes: orgInternalRoutes(await importPublicKey(trustedKeyOrThrow(deps.keys, 'identity')), await importPublicKey(trustedKeyOrThrow(deps.keys, 'gateway')), services.memberships),
  });
  return { server };
}
