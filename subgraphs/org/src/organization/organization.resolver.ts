import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrgContext } from '../context.ts';
import { Membership } from '../membership/membership.type.ts';
import { toMembership } from '../membership/membership.mapper.ts';
import { organizationLoader, toOrganization } from './organization.mapper.ts';
import { BrandingInput, CreateOrganizationInput, Organization } from './organization.type.ts';

export const organizationReference = {
  __resolveReference: (ref: { id: string }, ctx: OrgContext) => organizationLoader(ctx).load(ref.id),
};

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => [Organization], { description: 'Organisations you belong to, by name.' })
  @Directive('@listSize(assumedSize: 20)')
  @Directive('@authenticated')
  async myOrganizations(@Ctx() ctx: OrgContext): Promise<Organization[]> {
    return (await ctx.services.organizations.mine(ctx.principal)).map(toOrganization);
  }

  @Query(() => Organization, { nullable: true, description: 'An organisation you belong to or act in.' })
  @Directive('@authenticated')
  async organization(@Arg('id', () => ID, { description: "The organisation's id (for an API key, its own organisation's)." }) id: string, @Ctx() ctx: OrgContext): Promise<Organization | null> {
    return organizationLoader(ctx).load(id);
  }

  @Mutation(() => Organization, { description: 'Creates an organisation with you as its owner.' })
  @Directive('@authenticated')
  async createOrganization(@Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput, @Ctx() ctx: OrgContext): Promise<Organization> {
    return toOrganization(await ctx.services.organizations.create(ctx.principal, input));
  }

  @Mutation(() => Organization, { description: "Changes the active organisation's name and branding." })
  @Directive('@requiresScopes(scopes: [["org:manage"]])')
  async updateBranding(@Arg('input', () => BrandingInput) input: BrandingInput, @Ctx() ctx: OrgContext): Promise<Organization> {
    return toOrganization(await ctx.services.organizations.updateBranding(ctx.principal, input));
  }

  @FieldResolver(() => [Membership], { description: 'Everyone who belongs to the organisation, with their role.' })
  @Directive('@listSize(assumedSize: 100)')
  @Directive('@requiresScopes(scopes: [["members:read"]])')
  async members(@Root() organization: Organization, @Ctx() ctx: OrgContext): Promise<Membership[]> {
    return (await ctx.services.memberships.forOrganization(ctx.principal, organization.id)).map(toMembership);
  }
}
