import type { RequestInfo } from '@etika/kit';
import type { ApiKeyService } from './api-key/api-key.service.ts';
import type { AuthService } from './auth/auth.service.ts';
import type { SessionService } from './auth/session.service.ts';
import type { MfaService } from './mfa/mfa.service.ts';
import type { UserService } from './user/user.service.ts';

export interface IdentityServices {
  readonly auth: AuthService;
  readonly sessions: SessionService;
  readonly mfa: MfaService;
  readonly apiKeys: ApiKeyService;
  readonly users: UserService;
}

export interface IdentityContext extends RequestInfo {
  readonly services: IdentityServices;
}

/** The signed-in user and session of a request; the shield has already required authentication. */
export function sessionOf(ctx: IdentityContext): { userId: string; sessionId: string } {
  if (ctx.principal.kind !== 'user') throw new Error('a user session is required here');
  return { userId: ctx.principal.userId, sessionId: ctx.principal.sessionId };
}
