import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import { appError } from '@etika/kit';
import { sessionOf, type IdentityContext } from '../context.ts';
import { AuthPayload, CredentialsInput, MAX_EMAIL, MAX_PASSWORD, SignInResult } from './auth.type.ts';
import type { ClientInfo, IssuedTokens } from '../session/session.service.ts';

function payload(t: IssuedTokens): AuthPayload {
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, accessTokenExpiresAt: t.expiresAt, userId: t.userId, organizationId: t.orgId };
}

const clientOf = (ctx: IdentityContext): ClientInfo => ({ address: ctx.clientAddress, agent: ctx.clientAgent });

function boundedOrThrow(input: CredentialsInput): void {
  if (input.email.length > MAX_EMAIL) throw appError('BAD_USER_INPUT', 'That email address is too long', { field: 'email' });
  if (input.password.length > MAX_PASSWORD) throw appError('BAD_USER_INPUT', 'That password is too long', { field: 'password' });
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description: 'Development and tests only (refused in production): creates an account and signs in, without confirming the address.',
    deprecationReason: 'It tells whether an address has an account: use requestSignUp, then completeSignUp with the mailed link',
  })
  async signUp(@Arg('input', () => CredentialsInput) input: CredentialsInput, @Ctx() ctx: IdentityContext): Promise<AuthPayload> {
    // development and tests only: in production an answer here would tell anyone which addresses have an account
    if (ctx.production) throw appError('FORBIDDEN', 'Sign up with requestSignUp: the account is made from the mailed link');
    boundedOrThrow(input);
    return payload(await ctx.services.auth.signUp(input.email, input.password, clientOf(ctx)));
  }

  @Mutation(() => SignInResult)
  async signIn(@Arg('input', () => CredentialsInput) input: CredentialsInput, @Ctx() ctx: IdentityContext): Promise<SignInResult> {
    boundedOrThrow(input);
    const outcome = await ctx.services.auth.signIn(input.email, input.password, clientOf(ctx));
    return outcome.kind === 'mfaRequired'
      ? { mfaRequired: true, mfaToken: outcome.mfaToken, session: null }
      : { mfaRequired: false, mfaToken: null, session: payload(outcome.tokens) };
  }

  @Mutation(() => AuthPayload, { description: 'Second sign-in step: an authenticator code or a recovery code.' })
  async completeMfaSignIn(
    @Arg('mfaToken', () => String) mfaToken: string,
    @Arg('code', () => String) code: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayload> {
    return payload(await ctx.services.auth.completeMfaSignIn(mfaToken, code.slice(0, 64), clientOf(ctx)));
  }

  @Mutation(() => AuthPayload, { description: 'Exchanges a refresh token (once) for new tokens.' })
  async refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: IdentityContext): Promise<AuthPayload> {
    return payload(await ctx.services.sessions.refresh(refreshToken.slice(0, 256), clientOf(ctx)));
  }

  @Mutation(() => AuthPayload, { description: 'A new access token acting in another of your organisations.' })
  @Directive('@authenticated')
  async switchOrganization(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: IdentityContext): Promise<AuthPayload> {
    const { userId, sessionId } = sessionOf(ctx);
    return payload(await ctx.services.sessions.switchOrganization(userId, sessionId, organizationId));
  }

  @Mutation(() => Boolean, { description: 'Ends this session: its refresh token stops working.' })
  @Directive('@authenticated')
  async signOut(@Ctx() ctx: IdentityContext): Promise<boolean> {
    const { userId, sessionId } = sessionOf(ctx);
    await ctx.services.sessions.signOut(userId, sessionId);
    return true;
  }
}
