import type { IdentityMailRequested } from '@etika/schema';
import { renderAccountMail } from './templates.ts';

/** The links the web app answers (its pages for these flows): `/verify-email`, `/reset-password`, `/forgot-password`. */
export function accountLink(request: IdentityMailRequested, appUrl: string): string {
  if (request.kind === 'account-exists') return `${appUrl}/forgot-password`;
  const path = request.kind === 'verify-email' ? 'verify-email' : 'reset-password';
  return `${appUrl}/${path}?token=${encodeURIComponent(request.token ?? '')}`;
}

/** Identity's request as a mail of the outbox: once per event, in the address's language, no preferences apply. */
export function accountMail(eventId: string, request: IdentityMailRequested, appUrl: string) {
  const link = accountLink(request, appUrl);
  return { dedupeKey: `${eventId}/account`, to: request.email, locale: request.locale, template: request.kind, rendered: renderAccountMail(request.kind, request.locale, link), link, footer: false };
}
