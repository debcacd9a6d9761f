import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { sessionOf, type IdentityContext } from '../context.ts';
import { RecoveryCodes, TotpEnrollment } from './mfa.type.ts';

@Resolver()
export class MfaResolver {
  @Mutation(() => TotpEnrollment)
  @Directive('@authenticated')
  async enrollTotp(@Ctx() ctx: IdentityContext): Promise<TotpEnrollment> {
    return ctx.services.mfa.enroll(sessionOf(ctx).userId);
  }

  @Mutation(() => RecoveryCodes, { description: 'Turns two-step sign-in on.' })
  @Directive('@authenticated')
  async confirmTotp(@Arg('code', () => String) code: string, @Ctx() ctx: IdentityContext): Promise<RecoveryCodes> {
    return { codes: await ctx.services.mfa.confirm(sessionOf(ctx).userId, code.slice(0, 64)) };
  }

  @Mutation(() => Boolean, { description: 'Turns two-step sign-in off; needs a current code or a recovery code.' })
  @Directive('@authenticated')
  async disableTotp(@Arg('code', () => String) code: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    await ctx.services.mfa.disable(sessionOf(ctx).userId, code.slice(0, 64));
    return true;
  }
}
