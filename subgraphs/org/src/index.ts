import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EVENT_TYPES } from '@etika/schema/events';
import { defineSubgraph } from '@etika/kit/descriptor';

/** Organisations (the tenants), memberships, roles and branding. */
export const org = defineSubgraph({
  name: 'org',
  port: 4002,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  // accepts identity's signed calls for a user's memberships
  keys: { signs: false, trusts: ['identity'] },
  calls: ['identity'],
  events: { produces: [EVENT_TYPES.orgMembershipChanged, EVENT_TYPES.orgInvitationCreated], consumes: [] },
  settings: z.object({
    /** Invitations one person may send in an hour, and one organisation in a day. */
    INVITATIONS_PER_INVITER_PER_HOUR: z.coerce.number().int().min(1).default(50),
    INVITATIONS_PER_ORGANIZATION_PER_DAY: z.coerce.number().int().min(1).default(500),
  }),
  buildSchema: async () => (await import('./schema.ts')).buildOrgSchema(),
  buildServer: async (deps, settings) =>
    (
      await (await import('./server.ts')).buildOrgServer(deps, {
        inviter: { max: settings.INVITATIONS_PER_INVITER_PER_HOUR, windowSeconds: 3600 },
        organization: { max: settings.INVITATIONS_PER_ORGANIZATION_PER_DAY, windowSeconds: 24 * 3600 },
      })
    ).server,
});
