import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requestLoader } from '@etika/kit';
import type { OrgContext } from '../context.ts';
import { organizationLoader } from '../organization/organization.mapper.ts';
import { Organization } from '../organization/organization.type.ts';
import { toMembership, type MembershipModel } from './membership.mapper.ts';
import { MemberRole, Membership, UserRef } from './membership.type.ts';

export const membershipReference = {
  __resolveReference: (ref: { id: string }, ctx: OrgContext) =>
    requestLoader(ctx, 'membership', async (ids) =>
      (await ctx.services.memberships.byIds(ctx.principal, ids)).map((r) => (r ? toMembership(r) : null)),
    ).load(ref.id),
};

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organization)
  async organization(@Root() m: MembershipModel, @Ctx() ctx: OrgContext): Promise<Organization | null> {
    return organizationLoader(ctx).load(m.orgId);
  }

  @FieldResolver(() => UserRef)
  user(@Root() m: MembershipModel): UserRef {
    return { id: m.userId };
  }

  @Mutation(() => Membership)
  @Directive('@requiresScopes(scopes: [["members:manage"]])')
  async changeMemberRole(
    @Arg('membershipId', () => ID) membershipId: string,
    @Arg('role', () => MemberRole) role: MemberRole,
    @Ctx() ctx: OrgContext,
  ): Promise<Membership> {
    return toMembership(await ctx.services.memberships.changeRole(ctx.principal, membershipId, role));
  }

  @Mutation(() => Membership, { description: 'Removes a member; never the last owner.' })
  @Directive('@requiresScopes(scopes: [["members:manage"]])')
  async removeMember(@Arg('membershipId', () => ID) membershipId: string, @Ctx() ctx: OrgContext): Promise<Membership> {
    return toMembership(await ctx.services.memberships.remove(ctx.principal, membershipId));
  }

  @Mutation(() => Membership, { description: 'Leaves one of your organisations (unless you are its last owner).' })
  @Directive('@authenticated')
  async leaveOrganization(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: OrgContext): Promise<Membership> {
    return toMembership(await ctx.services.memberships.leave(ctx.principal, organizationId));
  }
}

@Resolver(() => UserRef)
export class UserMembershipsResolver {
  @FieldResolver(() => [Membership], { description: 'Your memberships everywhere; others\' only in your active organisation.' })
  @Directive('@listSize(assumedSize: 20)')
  @Directive('@authenticated')
  async memberships(@Root() user: UserRef, @Ctx() ctx: OrgContext): Promise<Membership[]> {
    return (await ctx.services.memberships.forUser(ctx.principal, user.id)).map(toMembership);
  }
}

export const userReference = {
  __resolveReference: (ref: { id: string }): UserRef => ({ id: ref.id }),
};
