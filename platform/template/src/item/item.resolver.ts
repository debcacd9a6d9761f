import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import { requestLoader } from '@etika/kit';
import type { __Name__Context } from '../context.ts';
import type { ItemRow } from './item.service.ts';
import { __Name__Item } from './item.type.ts';

const toItem = (row: ItemRow): __Name__Item => ({ id: row.id, title: row.title, createdAt: row.createdAt });

const itemLoader = (ctx: __Name__Context) =>
  requestLoader(ctx, '__name__-item', async (ids) => (await ctx.items.byIds(ctx.principal, ids)).map((r) => (r ? toItem(r) : null)));

export const itemReference = {
  __resolveReference: (ref: { id: string }, ctx: __Name__Context) => itemLoader(ctx).load(ref.id),
};

@Resolver(() => __Name__Item)
export class ItemResolver {
  @Query(() => [__Name__Item], { description: "The active organisation's items, newest first." })
  @Directive('@authenticated')
  async __camel__Items(@Ctx() ctx: __Name__Context): Promise<__Name__Item[]> {
    return (await ctx.items.list(ctx.principal)).map(toItem);
  }

  @Mutation(() => __Name__Item, { description: 'Adds an item to the active organisation.' })
  @Directive('@requiresScopes(scopes: [["org:manage"]])')
  async create__Name__Item(@Arg('title', () => String) title: string, @Ctx() ctx: __Name__Context): Promise<__Name__Item> {
    return toItem(await ctx.items.create(ctx.principal, title));
  }
}
