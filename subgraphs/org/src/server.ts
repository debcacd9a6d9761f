import { createSubgraphServer, importPublicKey, peerUrlOrThrow, startOutboxRelay, type SubgraphDeps, type SubgraphServer, trustedKeyOrThrow } from '@etika/kit';
import type { OrgContext, OrgServices } from './context.ts';
import { orgInternalRoutes } from './internal.ts';
import { InvitationService, type InvitationLimits } from './invitation/invitation.service.ts';
import { MembershipService } from './membership/membership.service.ts';
import { httpUserDirectory } from './membership/users.client.ts';
import { OrganizationService } from './organization/organization.service.ts';
import { buildOrgSchema } from './schema.ts';

export interface OrgServer {
  readonly server: SubgraphServer<OrgContext>;
}

export async function buildOrgServer(deps: SubgraphDeps, invitationLimits: InvitationLimits): Promise<OrgServer> {
  const db = deps.database.db;
  // publishes membership and invitation events (org's outbox) to the bus
  const relay = startOutboxRelay({ db, schema: 'org', bus: deps.bus, logger: deps.logger });
  const services: OrgServices = {
    organizations: new OrganizationService(db),
    memberships: new MembershipService(db, deps.rights),
    invitations: new InvitationService(db, deps.store, httpUserDirectory(() => peerUrlOrThrow(deps.peers, 'identity')), deps.rights, invitationLimits),
  };
  const server = await createSubgraphServer<OrgContext>({
    name: 'org',
    schema: await buildOrgSchema(),
    db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    rights: deps.rights,
    buildContext: (info) => ({ ...info, services }),
    onClose: () => relay.stop(),
    internalRoutes: orgInternalRoutes(await importPublicKey(trustedKeyOrThrow(deps.keys, 'identity')), await importPublicKey(trustedKeyOrThrow(deps.keys, 'gateway')), services.memberships),
  });
  return { server };
}
