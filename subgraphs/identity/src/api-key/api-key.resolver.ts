import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context.ts';
import type { ApiKeyRow } from './api-key.service.ts';
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from './api-key.type.ts';

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    organizationId: row.orgId,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: "The active organisation's API keys, newest first." })
  @Directive('@listSize(assumedSize: 50)')
  @Directive('@requiresScopes(scopes: [["apikeys:manage"]])')
  async apiKeys(@Ctx() ctx: IdentityContext): Promise<ApiKey[]> {
    return (await ctx.services.apiKeys.list(ctx.principal)).map(toApiKey);
  }

  @Mutation(() => CreatedApiKey)
  @Directive('@requiresScopes(scopes: [["apikeys:manage"]])')
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: IdentityContext): Promise<CreatedApiKey> {
    const created = await ctx.services.apiKeys.create(ctx.principal, input.name, input.scopes, input.expiresAt ?? null);
    return { secret: created.secret, apiKey: toApiKey(created.apiKey) };
  }

  @Mutation(() => ApiKey, { description: "Sets how many cost points per minute the key may spend at the gateway; null restores the gateway's default." })
  @Directive('@requiresScopes(scopes: [["apikeys:manage"]])')
  async setApiKeyRateLimit(
    @Arg('id', () => ID) id: string,
    @Arg('perMinute', () => Int, { nullable: true }) perMinute: number | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<ApiKey> {
    return toApiKey(await ctx.services.apiKeys.setRateLimit(ctx.principal, id, perMinute ?? null));
  }

  @Mutation(() => ApiKey, { description: 'Stops a key at once.' })
  @Directive('@requiresScopes(scopes: [["apikeys:manage"]])')
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<ApiKey> {
    return toApiKey(await ctx.services.apiKeys.revoke(ctx.principal, id));
  }
}
