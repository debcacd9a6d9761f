import { requestLoader } from '@etika/kit';
import { Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context.ts';
import { sessionOf } from '../context.ts';
import type { UserRecord } from './user.service.ts';
import { User } from './user.type.ts';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'The signed-in person.' })
  @Directive('@authenticated')
  async me(@Ctx() ctx: IdentityContext): Promise<UserRecord> {
    const [user] = await ctx.services.users.byIds([sessionOf(ctx).userId]);
    return user!;
  }
}

/** `User` by key for other subgraphs: one query per `_entities` call, however many representations. */
export const userReference = {
  __resolveReference: (ref: { id: string }, ctx: IdentityContext) =>
    requestLoader(ctx, 'user', (ids) => ctx.services.users.byIds(ids)).load(ref.id),
};
