import { randomUUID } from 'node:crypto';
import { dataOrThrow, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import type { Principal } from '@etika/schema';
import { signUp } from '@etika/identity/testing';

const ROLES = ['owner', 'admin', 'member', 'auditor'] as const;
export type TenantRole = (typeof ROLES)[number];

export interface Tenant {
  readonly orgId: string;
  readonly userIds: Record<TenantRole, string>;
  readonly emails: Record<TenantRole, string>;
  readonly membershipIds: Record<TenantRole, string>;
  /** Each person acting in this organisation, as the gateway would present them after `switchOrganization`. */
  readonly as: Record<TenantRole, Principal>;
}

/**
 * An organisation with an owner, an admin, a member and an auditor, made through the real APIs: accounts on
 * identity, the organisation on org, and each membership by an invitation the person accepts (org asks identity for their address). The test must
 * have started both.
 */
export async function seedTenant(test: SubgraphTest, label: string): Promise<Tenant> {
  const identity = test.subgraph('identity');
  const org = test.subgraph('org');
  const emails = {} as Record<TenantRole, string>;
  const userIds = {} as Record<TenantRole, string>;
  for (const role of ROLES) {
    emails[role] = `${role}.${label}.${randomUUID().slice(0, 8)}@test.etika.dev`;
    userIds[role] = (await signUp(identity, emails[role])).userId;
  }
  const created = dataOrThrow(
    await org.execute<{ createOrganization: { id: string } }>(
      'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      { input: { name: `Org ${label}` } },
      userPrincipal(userIds.owner, null, null),
    ),
  );
  const orgId = created.createOrganization.id;
  const as = Object.fromEntries(ROLES.map((role) => [role, userPrincipal(userIds[role], orgId, role)])) as Tenant['as'];
  const membershipIds = {} as Record<TenantRole, string>;
  for (const role of ROLES) {
    if (role === 'owner') continue;
    const invited = dataOrThrow(
      await org.execute<{ inviteMember: { id: string } }>(
        'mutation($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id } }',
        { email: emails[role], role: role.toUpperCase() },
        as.owner,
      ),
    );
    const accepted = dataOrThrow(
      await org.execute<{ acceptInvitation: { id: string } }>(
        'mutation($id: ID!) { acceptInvitation(invitationId: $id) { id } }',
        { id: invited.inviteMember.id },
        userPrincipal(userIds[role], null, null),
      ),
    );
    membershipIds[role] = accepted.acceptInvitation.id;
  }
  const members = dataOrThrow(
    await org.execute<{ organization: { members: { id: string; role: string }[] } }>(
      'query($id: ID!) { organization(id: $id) { members { id role } } }',
      { id: orgId },
      as.owner,
    ),
  );
  membershipIds.owner = members.organization.members.find((m) => m.role === 'OWNER')!.id;
  return { orgId, userIds, emails, membershipIds, as };
}
