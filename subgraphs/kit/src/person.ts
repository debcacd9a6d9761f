import type { Principal } from '@etika/schema';
import { appError } from './errors.ts';

export type PersonPrincipal = Extract<Principal, { kind: 'user' }>;

/** What a partner key is told when it calls a field only a person can use (`me`, `signOut`, `enrollTotp`…). */
export const PERSON_REQUIRED = 'Only a signed-in person can do this; an API key cannot';

/**
 * The person behind a request, for fields that only make sense for one (their profile, session, second factor,
 * wallet). A partner key is refused with `FORBIDDEN` and a message that says why; anonymous callers are asked to
 * sign in. Use it instead of checking `principal.kind` by hand, so every such field answers alike.
 */
export function personOrThrow(principal: Principal): PersonPrincipal {
  if (principal.kind === 'user') return principal;
  if (principal.kind === 'anonymous') throw appError('UNAUTHENTICATED', 'Sign in to do this');
  throw appError('FORBIDDEN', PERSON_REQUIRED);
}
