import type { IdentityMailRequested } from '@etika/schema';
import type { LinkOpener } from './link-seal.ts';
import { renderAccountMail } from './templates.ts';

/**
 * The links the web app answers (its pages for these flows): `/verify-email`, `/reset-password`, `/forgot-password`.
 * The secret arrives sealed for this subgraph; a request whose secret does not open here throws (and is retried).
 */
export function accountLink(request: IdentityMailRequested, appUrl: string, opener: LinkOpener): string {
  if (request.kind === 'account-exists') return `${appUrl}/forgot-password`;
  if (!request.sealedToken) throw new Error(`a ${request.kind} mail request carries no link secret`);
  const token = opener.open(request.sealedToken, request.kind, request.email);
  const path = request.kind === 'verify-email' ? 'verify-email' : 'reset-password';
  return `${appUrl}/${path}?token=${encodeURIComponent(token)}`;
}

/** Identity's request as a mail of the outbox: once per event, in the address's language, no preferences apply. */
export function accountMail(eventId: string, request: IdentityMailRequested, appUrl: string, opener: LinkOpener) {
  const link = accountLink(request, appUrl, opener);
  return { dedupeKey: `${eventId}/account`, to: request.email, locale: request.locale, template: request.kind, rendered: renderAccountMail(request.kind, request.locale, link), link, footer: false, secret: request.kind !== 'account-exists' };
}
