import { requestLoader } from '@etika/kit';
import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import { Language } from '../auth/email-links.type.ts';
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

  @Mutation(() => User, { description: 'Chooses the language mail and notifications reach you in.' })
  @Directive('@authenticated')
  async setMyLanguage(@Arg('language', () => Language) language: Language, @Ctx() ctx: IdentityContext): Promise<UserRecord> {
    return ctx.services.users.setLanguage(sessionOf(ctx).userId, language);
  }
}

/** `User` by key for other subgraphs: one query per `_entities` call, however many representations. */
export const userReference = {
  __resolveReference: (ref: { id: string }, ctx: IdentityContext) =>
    requestLoader(ctx, 'user', (ids) => ctx.services.users.byIds(ids)).load(ref.id),
};
