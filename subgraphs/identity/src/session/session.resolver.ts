import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { sessionOf, type IdentityContext } from '../context.ts';
import { Session } from './session.type.ts';

@Resolver(() => Session)
export class SessionResolver {
  @Query(() => [Session], { description: 'Your sessions that are still signed in, most recently used first.' })
  @Directive('@listSize(assumedSize: 20)')
  @Directive('@authenticated')
  async mySessions(@Ctx() ctx: IdentityContext): Promise<Session[]> {
    const { userId, sessionId } = sessionOf(ctx);
    return (await ctx.services.sessions.sessionsOf(userId)).map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      clientAddress: s.clientAddress,
      device: s.userAgent,
      current: s.id === sessionId,
    }));
  }

  @Mutation(() => Boolean, { description: 'Ends one of your sessions at once; false when it had already ended.' })
  @Directive('@authenticated')
  async signOutSession(@Arg('sessionId', () => ID) sessionId: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return ctx.services.sessions.signOut(sessionOf(ctx).userId, sessionId);
  }

  @Mutation(() => Int, { description: 'Ends every one of your sessions at once, this one included; answers how many.' })
  @Directive('@authenticated')
  async signOutEverywhere(@Ctx() ctx: IdentityContext): Promise<number> {
    return ctx.services.sessions.signOutEverywhere(sessionOf(ctx).userId);
  }
}
