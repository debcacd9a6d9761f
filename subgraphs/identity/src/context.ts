import { personOrThrow, type RequestInfo } from '@etika/kit';
import type { ApiKeyService } from './api-key/api-key.service.ts';
import type { AuthService } from './auth/auth.service.ts';
import type { EmailLinkService } from './auth/email-links.service.ts';
import type { SessionService } from './session/session.service.ts';
import type { MfaService } from './mfa/mfa.service.ts';
import type { UserService } from './user/user.service.ts';

export interface IdentityServices {
  readonly auth: AuthService;
  readonly emailLinks: EmailLinkService;
  readonly sessions: SessionService;
  readonly mfa: MfaService;
  readonly apiKeys: ApiKeyService;
  readonly users: UserService;
}

export interface IdentityContext extends RequestInfo {
  readonly services: IdentityServices;
  /** In production an account is only made from a mailed link (`completeSignUp`). */
  readonly production: boolean;
}

/** The signed-in person and session of a request; a partner key is refused (`FORBIDDEN`). */
export function sessionOf(ctx: IdentityContext): { userId: string; sessionId: string } {
  const person = personOrThrow(ctx.principal);
  return { userId: person.userId, sessionId: person.sessionId };
}
