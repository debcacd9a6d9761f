import type { OrgInvitationCreated, OrgMembershipChanged, PaymentFailed, PaymentRefunded, PaymentSucceeded, TokenTransactionCommitted } from '@etika/schema';

/** Every kind of in-app notification; each has a template in both languages (`mail/templates.ts`). */
export const NOTIFICATION_KINDS = [
  'tokens.received',
  'tokens.issued',
  'tokens.redeemed',
  'transaction.reversed',
  'role.changed',
  'invitation.received',
  'apikey.created',
  'apikey.revoked',
  'webhook.disabled',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** What a notification is about: short strings, shown in the templates and to the web app. */
export type NotificationParams = Readonly<Record<string, string>>;

/** Who is told: one person, the organisation's owners and admins, or an address that may have no account yet. */
export type Audience = { readonly to: 'user'; readonly userId: string } | { readonly to: 'admins' } | { readonly to: 'address'; readonly email: string };

export interface Notice {
  readonly audience: Audience;
  readonly kind: NotificationKind;
  readonly params: NotificationParams;
}

/**
 * A committed transaction tells each member whose wallet it moved, once per token: what they received in a transfer,
 * were issued, redeemed, or that a transaction touching them was reversed. Accounts that are not a member's (the
 * issuance and redemption accounts) tell nobody.
 */
export function transactionNotices(tx: TokenTransactionCommitted): Notice[] {
  const net = new Map<string, { userId: string; tokenId: string; amount: bigint }>();
  for (const p of tx.postings) {
    if (p.ownerType !== 'member' || !p.ownerId) continue;
    const key = `${p.ownerId}/${p.tokenId}`;
    const entry = net.get(key) ?? { userId: p.ownerId, tokenId: p.tokenId, amount: 0n };
    entry.amount += BigInt(p.amount);
    net.set(key, entry);
  }
  const notices: Notice[] = [];
  for (const { userId, tokenId, amount } of net.values()) {
    const params = { transactionId: tx.transactionId, tokenId, amount: (amount < 0n ? -amount : amount).toString() };
    const kind = noticeKind(tx.kind, amount);
    if (kind) notices.push({ audience: { to: 'user', userId }, kind, params });
  }
  return notices;
}

function noticeKind(kind: TokenTransactionCommitted['kind'], net: bigint): NotificationKind | null {
  // a purchase and its refund are told by the payment's own notices
  if (kind === 'purchase' || kind === 'refund') return null;
  if (kind === 'reversal') return 'transaction.reversed';
  if (kind === 'issue') return net > 0n ? 'tokens.issued' : null;
  if (kind === 'redeem') return net < 0n ? 'tokens.redeemed' : null;
  return net > 0n ? 'tokens.received' : null;
}

/** A person is told when they join, change role or leave an organisation; giving the same role tells nothing. */
export function membershipNotices(change: OrgMembershipChanged): Notice[] {
  if (change.role === change.previousRole) return [];
  return [{ audience: { to: 'user', userId: change.userId }, kind: 'role.changed', params: { role: change.role ?? '', previousRole: change.previousRole ?? '' } }];
}

export function invitationNotices(invitation: OrgInvitationCreated): Notice[] {
  return [
    {
      audience: { to: 'address', email: invitation.email },
      kind: 'invitation.received',
      params: { invitationId: invitation.invitationId, organizationName: invitation.organizationName, role: invitation.role, expiresAt: invitation.expiresAt, invitedBy: invitation.invitedBy },
    },
  ];
}

/** The buyer is told of their payment: it went through (tokens on their way), was declined, or was refunded. */
export function paymentNotices(
  kind: 'payment.succeeded' | 'payment.failed' | 'payment.refunded',
  payment: PaymentSucceeded | PaymentFailed | PaymentRefunded,
): Notice[] {
  const params: Record<string, string> = { paymentId: payment.paymentId, tokenId: payment.tokenId };
  if ('amount' in payment) Object.assign(params, { amount: payment.amount, currency: payment.currency, tokens: payment.tokens });
  if ('declineCode' in payment) params['declineCode'] = payment.declineCode;
  return [{ audience: { to: 'user', userId: payment.buyerId }, kind, params }];
}

export function apiKeyNotices(kind: 'apikey.created' | 'apikey.revoked', key: { apiKeyId: string; name: string; prefix: string }): Notice[] {
  return [{ audience: { to: 'admins' }, kind, params: { apiKeyId: key.apiKeyId, apiKeyName: key.name, apiKeyPrefix: key.prefix } }];
}

/** The roles told about what only admins manage (API keys, webhook endpoints). */
export const ADMIN_ROLES = ['owner', 'admin'] as const;

const CURSOR = /^(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)\|([0-9a-f-]{36})$/;

/** A list position: the last notification seen, newest first (time, then id). */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  const createdAt = new Date(match[1]!);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2]! };
}
