import { Arg, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requestLoader } from '@etika/kit';
import type { TokenContext } from '../context.ts';
import type { TokenRow } from './token.service.ts';
import { Balance, DefineTokenInput, OrganizationRef, Token, UserRef } from './token.type.ts';

function toToken(row: TokenRow): Token {
  return { id: row.id, name: row.name, symbol: row.symbol, decimals: row.decimals, maxSupply: row.maxSupply, createdAt: row.createdAt };
}

export function tokenLoader(ctx: TokenContext) {
  return requestLoader(ctx, 'token', async (ids) => (await ctx.tokens.byIds(ctx.principal, ids)).map((r) => (r ? toToken(r) : null)));
}

export const tokenReference = { __resolveReference: (ref: { id: string }, ctx: TokenContext) => tokenLoader(ctx).load(ref.id) };
export const userReference = { __resolveReference: (ref: { id: string }): UserRef => ({ id: ref.id }) };
export const organizationReference = { __resolveReference: (ref: { id: string }): OrganizationRef => ({ id: ref.id }) };

@Resolver(() => Token)
export class TokenResolver {
  @Query(() => [Token], { description: "The active organisation's tokens." })
  @Directive('@listSize(assumedSize: 20)')
  @Directive('@requiresScopes(scopes: [["token:read"]])')
  async tokens(@Ctx() ctx: TokenContext): Promise<Token[]> {
    return (await ctx.tokens.list(ctx.principal)).map(toToken);
  }

  @Mutation(() => Token, { description: 'Defines a new token of the active organisation.' })
  @Directive('@requiresScopes(scopes: [["token:define"]])')
  async defineToken(@Arg('input', () => DefineTokenInput, { description: 'Its name, symbol, decimals and optional cap.' }) input: DefineTokenInput, @Ctx() ctx: TokenContext): Promise<Token> {
    return toToken(await ctx.tokens.define(ctx.principal, input));
  }

  @FieldResolver(() => String, { description: 'Issued and not redeemed, in minor units.' })
  async circulatingSupply(@Root() token: Token, @Ctx() ctx: TokenContext): Promise<string> {
    const loader = requestLoader(ctx, 'supply', async (ids) => (await ctx.tokens.circulating(ctx.principal, ids)).map((v) => v.toString()));
    return (await loader.load(token.id)) ?? '0';
  }
}

@Resolver(() => UserRef)
export class WalletResolver {
  @FieldResolver(() => [Balance], { description: 'Balances per token in the active organisation (your own, or any for auditors).' })
  @Directive('@listSize(assumedSize: 20)')
  @Directive('@requiresScopes(scopes: [["token:read"]])')
  async wallet(@Root() user: UserRef, @Ctx() ctx: TokenContext): Promise<Balance[]> {
    const balances = await ctx.tokens.wallet(ctx.principal, user.id);
    const found = await Promise.all(balances.map((b) => tokenLoader(ctx).load(b.tokenId)));
    return balances.flatMap((b, i) => (found[i] ? [{ token: found[i]!, amount: b.balance.toString() }] : []));
  }
}

@Resolver(() => OrganizationRef)
export class OrganizationTokensResolver {
  @FieldResolver(() => [Token], { description: "The organisation's tokens (only the organisation you act in)." })
  @Directive('@listSize(assumedSize: 20)')
  @Directive('@requiresScopes(scopes: [["token:read"]])')
  async tokens(@Root() org: OrganizationRef, @Ctx() ctx: TokenContext): Promise<Token[]> {
    if (ctx.principal.kind === 'anonymous' || ctx.principal.orgId !== org.id) return [];
    return (await ctx.tokens.list(ctx.principal)).map(toToken);
  }
}
