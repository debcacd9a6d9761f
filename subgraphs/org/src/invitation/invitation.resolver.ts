import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrgContext } from '../context.ts';
import { toMembership } from '../membership/membership.mapper.ts';
import { MemberRole, Membership } from '../membership/membership.type.ts';
import { Organization } from '../organization/organization.type.ts';
import { invitationState } from './invitation.rules.ts';
import type { InvitationRow } from './invitation.service.ts';
import { Invitation, InvitationStatus } from './invitation.type.ts';

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    organizationId: row.orgId,
    organizationName: row.organizationName,
    email: row.email,
    role: row.role as MemberRole,
    status: invitationState(row) as InvitationStatus,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

@Resolver(() => Invitation)
export class InvitationResolver {
  @Mutation(() => Invitation, {
    description: 'Invites a person by email to join with a role. The answer is the same whether the address has an account or not.',
  })
  @Directive('@requiresScopes(scopes: [["members:manage"]])')
  async inviteMember(@Arg('email', () => String) email: string, @Arg('role', () => MemberRole) role: MemberRole, @Ctx() ctx: OrgContext): Promise<Invitation> {
    return toInvitation(await ctx.services.invitations.invite(ctx.principal, email, role));
  }

  @Mutation(() => Invitation, { description: 'Withdraws an invitation that has not been answered.' })
  @Directive('@requiresScopes(scopes: [["members:manage"]])')
  async revokeInvitation(@Arg('invitationId', () => ID) invitationId: string, @Ctx() ctx: OrgContext): Promise<Invitation> {
    return toInvitation(await ctx.services.invitations.revoke(ctx.principal, invitationId));
  }

  @Query(() => [Invitation], { description: 'The open invitations to your address, newest first.' })
  @Directive('@listSize(assumedSize: 20)')
  @Directive('@authenticated')
  async myInvitations(@Ctx() ctx: OrgContext): Promise<Invitation[]> {
    return (await ctx.services.invitations.mine(ctx.principal, ctx.principalToken)).map(toInvitation);
  }

  @Mutation(() => Membership, { description: 'Accepts an invitation to your address: you join with the role offered.' })
  @Directive('@authenticated')
  async acceptInvitation(@Arg('invitationId', () => ID) invitationId: string, @Ctx() ctx: OrgContext): Promise<Membership> {
    return toMembership(await ctx.services.invitations.accept(ctx.principal, ctx.principalToken, invitationId));
  }

  @Mutation(() => Invitation, { description: 'Declines an invitation to your address.' })
  @Directive('@authenticated')
  async declineInvitation(@Arg('invitationId', () => ID) invitationId: string, @Ctx() ctx: OrgContext): Promise<Invitation> {
    return toInvitation(await ctx.services.invitations.decline(ctx.principal, ctx.principalToken, invitationId));
  }
}

@Resolver(() => Organization)
export class OrganizationInvitationsResolver {
  @FieldResolver(() => [Invitation], { description: 'Invitations sent and not yet answered, newest first.' })
  @Directive('@listSize(assumedSize: 50)')
  @Directive('@requiresScopes(scopes: [["members:read"]])')
  async invitations(@Root() _organization: Organization, @Ctx() ctx: OrgContext): Promise<Invitation[]> {
    return (await ctx.services.invitations.ofOrganization(ctx.principal)).map(toInvitation);
  }
}
