import { translate } from '../app/i18n.ts';

/** Error codes the API returns that have their own sentence in the catalogues (`errors.code.<CODE>`). */
const CODES = [
  'INSUFFICIENT_BALANCE', 'UNAUTHORIZED_FIELD_OR_TYPE', 'FORBIDDEN', 'UNAUTHENTICATED', 'SESSION_EXPIRED', 'INVALID_CREDENTIALS',
  'INVALID_MFA_CODE', 'TOO_MANY_REQUESTS', 'EMAIL_TAKEN', 'IDEMPOTENCY_CONFLICT', 'SUPPLY_CAP_EXCEEDED', 'LAST_OWNER', 'NOT_FOUND',
  'CONFLICT', 'OPERATION_LIMIT_EXCEEDED', 'SESSION_REVOKED', 'RIGHTS_CHANGED', 'SERVICE_UNAVAILABLE', 'INVITATION_CLOSED',
  'UNSUPPORTED_CURRENCY', 'PURCHASE_LIMIT', 'QUOTE_EXPIRED', 'PRICE_CHANGED', 'PAYMENT_STATE_CONFLICT', 'TOKENS_SPENT', 'REFUND_EXCEEDS_PAYMENT',
  'PREFERENCE_LOCKED', 'UNSAFE_WEBHOOK_URL', 'LINK_EXPIRED',
] as const;
type KnownCode = (typeof CODES)[number];

/** Input problems the API names a field for, with their own sentence (`errors.field.<field>`). */
const FIELDS = ['email', 'password', 'name', 'symbol', 'decimals', 'scopes', 'expiresAt', 'memo', 'brandColor', 'logoUrl', 'role', 'amount', 'toUserId'] as const;
type KnownField = (typeof FIELDS)[number];

interface ErrorLike {
  readonly message?: string;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  readonly extensions?: Record<string, unknown>;
}

const extensionsOf = (error: unknown): Record<string, unknown> | undefined => {
  const e = error as ErrorLike | null;
  return e?.errors?.[0]?.extensions ?? e?.extensions;
};

/** The first error's code, wherever Apollo or fetch put it. */
export function errorCode(error: unknown): string | null {
  const code = extensionsOf(error)?.['code'];
  return typeof code === 'string' ? code : null;
}

/** The form field the API says the problem is about (`legs.0.toUserId` is the recipient). */
export function errorField(error: unknown): KnownField | null {
  const field = extensionsOf(error)?.['field'];
  if (typeof field !== 'string') return null;
  const last = field.split('.').pop() ?? '';
  return (FIELDS as readonly string[]).includes(last) ? (last as KnownField) : null;
}

/** A sentence for the person in their language, for a refusal from the API or anything else that went wrong. */
export function messageFor(error: unknown): string {
  const code = errorCode(error);
  const field = errorField(error);
  if (code === 'NOT_FOUND' && field === 'toUserId') return translate('errors.notMember');
  if (code === 'BAD_USER_INPUT') return field ? translate(`errors.field.${field}`) : translate('errors.input');
  if (code && (CODES as readonly string[]).includes(code)) return translate(`errors.code.${code as KnownCode}`);
  return translate('errors.unknown');
}
