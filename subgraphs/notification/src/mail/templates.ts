import type { Locale } from '@etika/schema';
import type { NotificationKind, NotificationParams } from '../notification/notification.rules.ts';

/** A message in one language: a title (the mail's subject, the notification's headline) and its text. */
export interface Rendered {
  readonly subject: string;
  readonly text: string;
}

type Template = (p: NotificationParams) => Rendered;

const ROLE_NAMES: Record<Locale, Record<string, string>> = {
  en: { owner: 'owner', admin: 'admin', member: 'member', auditor: 'auditor' },
  fr: { owner: 'propriétaire', admin: 'administrateur', member: 'membre', auditor: 'auditeur' },
};
const role = (locale: Locale, value: string | undefined) => ROLE_NAMES[locale][value ?? ''] ?? value ?? '';

/**
 * An amount of money from integer minor units, exactly (no floating point): `1234` EUR is "€12.34" / "12,34 €".
 * The currency's minor unit comes from ICU's data, as for any ISO 4217 code.
 */
export function formatMoney(locale: Locale, minor: string, currency: string): string {
  const format = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const padded = minor.padStart(digits + 1, '0');
  const decimal = digits === 0 ? padded : `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return format.format(decimal as unknown as number);
}
const money = (locale: Locale, p: NotificationParams) => formatMoney(locale, p['amount'] ?? '0', p['currency'] ?? 'EUR');

/** Every in-app notification in both languages. Amounts are integer minor units of the token named by its id. */
const NOTIFICATIONS: Record<Locale, Record<NotificationKind, Template>> = {
  en: {
    'tokens.received': (p) => ({ subject: 'You received tokens', text: `${p['amount']} units of a token reached your wallet.` }),
    'tokens.issued': (p) => ({ subject: 'Tokens were issued to you', text: `Your organisation issued you ${p['amount']} units of a token.` }),
    'tokens.redeemed': (p) => ({ subject: 'Tokens redeemed', text: `${p['amount']} units of a token were redeemed from your wallet.` }),
    'transaction.reversed': () => ({ subject: 'A transaction was reversed', text: 'A transaction that moved tokens in your wallet was reversed by an administrator.' }),
    'role.changed': (p) =>
      p['role']
        ? p['previousRole']
          ? { subject: 'Your role changed', text: `Your role is now ${role('en', p['role'])} (it was ${role('en', p['previousRole'])}).` }
          : { subject: 'You joined an organisation', text: `You are now ${role('en', p['role'])} of the organisation.` }
        : { subject: 'You left an organisation', text: 'You are no longer a member of the organisation.' },
    'invitation.received': (p) => ({ subject: `Invitation to ${p['organizationName']}`, text: `You are invited to join ${p['organizationName']} as ${role('en', p['role'])}.` }),
    'apikey.created': (p) => ({ subject: 'An API key was created', text: `The API key "${p['apiKeyName']}" (${p['apiKeyPrefix']}…) was created in your organisation.` }),
    'apikey.revoked': (p) => ({ subject: 'An API key was revoked', text: `The API key "${p['apiKeyName']}" (${p['apiKeyPrefix']}…) was revoked.` }),
    'webhook.disabled': (p) => ({ subject: 'A webhook endpoint was disabled', text: `Deliveries to ${p['url']} stopped: ${p['reason']}.` }),
    'payment.succeeded': (p) => ({ subject: 'Payment received', text: `Your payment of ${money('en', p)} went through; ${p['tokens']} units of the token are on their way to your wallet.` }),
    'payment.failed': () => ({ subject: 'Payment declined', text: 'Your payment was declined. Nothing was charged; you can try another way to pay.' }),
    'payment.refunded': (p) => ({ subject: 'Payment refunded', text: `${money('en', p)} was refunded to you, and ${p['tokens']} units of the token were taken back.` }),
  },
  fr: {
    'tokens.received': (p) => ({ subject: 'Vous avez reçu des jetons', text: `${p['amount']} unités d’un jeton sont arrivées dans votre portefeuille.` }),
    'tokens.issued': (p) => ({ subject: 'Des jetons vous ont été émis', text: `Votre organisation vous a émis ${p['amount']} unités d’un jeton.` }),
    'tokens.redeemed': (p) => ({ subject: 'Jetons échangés', text: `${p['amount']} unités d’un jeton ont été échangées depuis votre portefeuille.` }),
    'transaction.reversed': () => ({ subject: 'Une transaction a été annulée', text: 'Un administrateur a annulé une transaction qui touchait votre portefeuille.' }),
    'role.changed': (p) =>
      p['role']
        ? p['previousRole']
          ? { subject: 'Votre rôle a changé', text: `Votre rôle est désormais ${role('fr', p['role'])} (auparavant ${role('fr', p['previousRole'])}).` }
          : { subject: 'Vous avez rejoint une organisation', text: `Vous êtes désormais ${role('fr', p['role'])} de l’organisation.` }
        : { subject: 'Vous avez quitté une organisation', text: 'Vous n’êtes plus membre de l’organisation.' },
    'invitation.received': (p) => ({ subject: `Invitation à rejoindre ${p['organizationName']}`, text: `Vous êtes invité à rejoindre ${p['organizationName']} en tant que ${role('fr', p['role'])}.` }),
    'apikey.created': (p) => ({ subject: 'Une clé d’API a été créée', text: `La clé d’API « ${p['apiKeyName']} » (${p['apiKeyPrefix']}…) a été créée dans votre organisation.` }),
    'apikey.revoked': (p) => ({ subject: 'Une clé d’API a été révoquée', text: `La clé d’API « ${p['apiKeyName']} » (${p['apiKeyPrefix']}…) a été révoquée.` }),
    'webhook.disabled': (p) => ({ subject: 'Un point de terminaison webhook a été désactivé', text: `Les envois vers ${p['url']} sont arrêtés : ${p['reason']}.` }),
    'payment.succeeded': (p) => ({ subject: 'Paiement reçu', text: `Votre paiement de ${money('fr', p)} est accepté ; ${p['tokens']} unités du jeton arrivent dans votre portefeuille.` }),
    'payment.failed': () => ({ subject: 'Paiement refusé', text: 'Votre paiement a été refusé. Rien n’a été débité ; vous pouvez payer autrement.' }),
    'payment.refunded': (p) => ({ subject: 'Paiement remboursé', text: `${money('fr', p)} vous ont été remboursés, et ${p['tokens']} unités du jeton ont été reprises.` }),
  },
};

export function renderNotification(kind: NotificationKind, locale: Locale, params: NotificationParams): Rendered {
  return NOTIFICATIONS[locale][kind](params);
}

/** Mails about an account (identity's requests): each carries its link, and says how long it stays valid. */
export type AccountMail = 'verify-email' | 'reset-password' | 'account-exists';

const ACCOUNT: Record<Locale, Record<AccountMail, (link: string) => Rendered>> = {
  en: {
    'verify-email': (link) => ({ subject: 'Confirm your email address', text: `Open this link to confirm your address and finish signing up (valid 24 hours):\n${link}` }),
    'reset-password': (link) => ({
      subject: 'Reset your password',
      text: `Open this link to choose a new password (valid 1 hour, once). Every session of the account will be signed out:\n${link}\nIf you did not ask for this, ignore this mail.`,
    }),
    'account-exists': (link) => ({ subject: 'You already have an account', text: `Someone tried to sign up with this address, which already has an account. Sign in, or reset your password here:\n${link}` }),
  },
  fr: {
    'verify-email': (link) => ({ subject: 'Confirmez votre adresse e-mail', text: `Ouvrez ce lien pour confirmer votre adresse et terminer l’inscription (valable 24 heures) :\n${link}` }),
    'reset-password': (link) => ({
      subject: 'Réinitialisez votre mot de passe',
      text: `Ouvrez ce lien pour choisir un nouveau mot de passe (valable 1 heure, une seule fois). Toutes les sessions du compte seront fermées :\n${link}\nSi vous n’avez rien demandé, ignorez ce message.`,
    }),
    'account-exists': (link) => ({ subject: 'Vous avez déjà un compte', text: `Quelqu’un a tenté de s’inscrire avec cette adresse, qui a déjà un compte. Connectez-vous, ou réinitialisez votre mot de passe ici :\n${link}` }),
  },
};

export function renderAccountMail(kind: AccountMail, locale: Locale, link: string): Rendered {
  return ACCOUNT[locale][kind](link);
}

const FOOTER: Record<Locale, string> = {
  en: 'You can choose which notifications reach you by mail in the app’s notification preferences.',
  fr: 'Vous pouvez choisir les notifications reçues par e-mail dans les préférences de notification de l’application.',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The mail itself: the plain-text part, and an HTML part with the same words (links made clickable). */
export function mailBody(rendered: Rendered, locale: Locale, link: string | null, withFooter: boolean): { text: string; html: string } {
  const paragraphs = [rendered.text, ...(link && !rendered.text.includes(link) ? [link] : []), ...(withFooter ? [FOOTER[locale]] : [])];
  const text = `${paragraphs.join('\n\n')}\n`;
  const html = `<!doctype html><html lang="${locale}"><body>${paragraphs
    .map((p) => `<p>${escapeHtml(p).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>').replaceAll('\n', '<br>')}</p>`)
    .join('')}</body></html>`;
  return { text, html };
}
