/** Error codes the API returns, in words a person understands. */
const MESSAGES: Record<string, string> = {
  INSUFFICIENT_BALANCE: 'There are not enough tokens in your wallet for this.',
  UNAUTHORIZED_FIELD_OR_TYPE: 'You are not allowed to do this in this organisation.',
  FORBIDDEN: 'You are not allowed to do this.',
  UNAUTHENTICATED: 'Your session has expired. Please sign in again.',
  SESSION_EXPIRED: 'Your session has expired. Please sign in again.',
  INVALID_CREDENTIALS: 'That email and password do not match.',
  INVALID_MFA_CODE: 'That code is not right, or was already used.',
  TOO_MANY_REQUESTS: 'Too many attempts. Please wait a few minutes and try again.',
  EMAIL_TAKEN: 'There is already an account with this email.',
  IDEMPOTENCY_CONFLICT: 'This request was already sent with different details.',
  SUPPLY_CAP_EXCEEDED: 'This would issue more tokens than the maximum supply.',
  LAST_OWNER: 'An organisation needs at least one owner.',
  NOT_FOUND: 'We could not find that.',
  CONFLICT: 'That already exists.',
};

interface ErrorLike {
  readonly message?: string;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  readonly extensions?: Record<string, unknown>;
}

/** The first error's code, wherever Apollo or fetch put it. */
export function errorCode(error: unknown): string | null {
  const e = error as ErrorLike | null;
  const code = e?.errors?.[0]?.extensions?.['code'] ?? e?.extensions?.['code'];
  return typeof code === 'string' ? code : null;
}

/** A sentence for the person; input problems keep the server's wording, which names the field. */
export function messageFor(error: unknown): string {
  const code = errorCode(error);
  if (code === 'BAD_USER_INPUT') return (error as ErrorLike).errors?.[0]?.message ?? 'Please check what you entered.';
  if (code && MESSAGES[code]) return MESSAGES[code];
  return 'Something went wrong. Please try again.';
}
