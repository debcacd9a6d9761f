import { requestLoader } from '@etika/kit';
import type { OrgContext } from '../context.ts';
import type { OrganizationRow } from './organization.service.ts';
import type { Organization } from './organization.type.ts';

export function toOrganization(row: OrganizationRow): Organization {
  return { id: row.id, name: row.name, brandColor: row.brandColor, logoUrl: row.logoUrl, createdAt: row.createdAt };
}

export function organizationLoader(ctx: OrgContext) {
  return requestLoader(ctx, 'organization', async (ids) =>
    (await ctx.services.organizations.byIds(ctx.principal, ids)).map((r) => (r ? toOrganization(r) : null)),
  );
}
