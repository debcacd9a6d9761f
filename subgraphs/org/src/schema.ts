import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@etika/kit';
// organizations first: the order resolvers are declared in is the order of the printed root fields
import { OrganizationResolver, organizationReference } from './organization/organization.resolver.ts';
import { Organization } from './organization/organization.type.ts';
import { MembershipResolver, UserMembershipsResolver, membershipReference, userReference } from './membership/membership.resolver.ts';
import { Membership, UserRef } from './membership/membership.type.ts';
import { InvitationResolver, OrganizationInvitationsResolver } from './invitation/invitation.resolver.ts';

export function buildOrgSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [OrganizationResolver, MembershipResolver, UserMembershipsResolver, InvitationResolver, OrganizationInvitationsResolver],
    orphanedTypes: [Organization, Membership, UserRef],
    references: { Organization: organizationReference, Membership: membershipReference, User: userReference },
  });
}
