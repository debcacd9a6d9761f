import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { appError } from '@etika/kit';
import { normaliseEmail } from '@etika/schema';
import type { IdentityContext } from '../context.ts';
import { AuthPayload, MAX_EMAIL, MAX_PASSWORD } from './auth.type.ts';
import { SignUpRequestInput } from './email-links.type.ts';

function emailOrThrow(raw: string): string {
  const email = raw.length <= MAX_EMAIL ? normaliseEmail(raw) : null;
  if (!email) throw appError('BAD_USER_INPUT', 'Enter a valid email address', { field: 'email' });
  return email;
}

function passwordBoundedOrThrow(password: string): void {
  if (password.length > MAX_PASSWORD) throw appError('BAD_USER_INPUT', 'That password is too long', { field: 'password' });
}

const TOKEN_MAX = 128;

@Resolver()
export class EmailLinkResolver {
  @Mutation(() => Boolean, { description: 'Signs up by mail: the address receives a link that creates the account. The answer is the same whether it already has one.' })
  async requestSignUp(@Arg('input', () => SignUpRequestInput) input: SignUpRequestInput, @Ctx() ctx: IdentityContext): Promise<boolean> {
    passwordBoundedOrThrow(input.password);
    await ctx.services.emailLinks.requestSignUp(emailOrThrow(input.email), input.password, input.language ?? null, { address: ctx.clientAddress, agent: ctx.clientAgent });
    return true;
  }

  @Mutation(() => AuthPayload, { description: 'Opens the link of `requestSignUp`: creates the account with its address confirmed, and signs in.' })
  async completeSignUp(@Arg('token', () => String) token: string, @Ctx() ctx: IdentityContext): Promise<AuthPayload> {
    const t = await ctx.services.emailLinks.completeSignUp(token.slice(0, TOKEN_MAX), { address: ctx.clientAddress, agent: ctx.clientAgent });
    return { accessToken: t.accessToken, refreshToken: t.refreshToken, accessTokenExpiresAt: t.expiresAt, userId: t.userId, organizationId: t.orgId };
  }

  @Mutation(() => Boolean, { description: '"Forgot password": mails a single-use link valid one hour, if the address has an account. The answer is the same either way.' })
  async requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    await ctx.services.emailLinks.requestPasswordReset(emailOrThrow(email), { address: ctx.clientAddress, agent: ctx.clientAgent });
    return true;
  }

  @Mutation(() => Boolean, { description: 'Sets a new password with the link of `requestPasswordReset` (once); every session of the account is signed out.' })
  async resetPassword(@Arg('token', () => String) token: string, @Arg('password', () => String) password: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    passwordBoundedOrThrow(password);
    await ctx.services.emailLinks.resetPassword(token.slice(0, TOKEN_MAX), password);
    return true;
  }
}
