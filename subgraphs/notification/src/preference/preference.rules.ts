import { NOTIFICATION_KINDS, type NotificationKind } from '../notification/notification.rules.ts';

export const CHANNELS = ['in_app', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Security notices cannot be turned off on any channel: a key made or revoked in one's organisation, one's own role
 * changing. Someone who took over an account should not be able to silence them.
 */
export const LOCKED_KINDS: readonly NotificationKind[] = ['apikey.created', 'apikey.revoked', 'role.changed'];

/** In-app is on for everything; email is on for what a person should not miss, off for every token movement. */
const EMAIL_BY_DEFAULT: readonly NotificationKind[] = ['role.changed', 'invitation.received', 'apikey.created', 'apikey.revoked', 'webhook.disabled', 'payment.succeeded', 'payment.failed', 'payment.refunded'];

export function isLocked(kind: NotificationKind): boolean {
  return LOCKED_KINDS.includes(kind);
}

export function defaultEnabled(kind: NotificationKind, channel: Channel): boolean {
  return channel === 'in_app' || EMAIL_BY_DEFAULT.includes(kind);
}

/** Whether a person gets `kind` on `channel`, given the choices they made (kind/channel → enabled). */
export function enabledFor(kind: NotificationKind, channel: Channel, choices: ReadonlyMap<string, boolean>): boolean {
  if (isLocked(kind)) return true;
  return choices.get(`${kind}/${channel}`) ?? defaultEnabled(kind, channel);
}

export interface PreferenceView {
  readonly kind: NotificationKind;
  readonly inApp: boolean;
  readonly email: boolean;
  readonly locked: boolean;
}

export function preferenceViews(choices: ReadonlyMap<string, boolean>): PreferenceView[] {
  return NOTIFICATION_KINDS.map((kind) => ({ kind, inApp: enabledFor(kind, 'in_app', choices), email: enabledFor(kind, 'email', choices), locked: isLocked(kind) }));
}
