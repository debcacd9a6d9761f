import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.ts';

/** Every expected error code on the platform. Clients switch on these; messages are for people. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'UNAUTHORIZED_FIELD_OR_TYPE',
  'NOT_FOUND',
  'CONFLICT',
  'EMAIL_TAKEN',
  'INVALID_CREDENTIALS',
  'MFA_REQUIRED',
  'INVALID_MFA_CODE',
  'TOO_MANY_REQUESTS',
  'SESSION_EXPIRED',
  'LAST_OWNER',
  'INSUFFICIENT_BALANCE',
  'IDEMPOTENCY_CONFLICT',
  'SUPPLY_CAP_EXCEEDED',
  'OPERATION_LIMIT_EXCEEDED',
  /** the session was signed out or revoked: sign in again */
  'SESSION_REVOKED',
  /** an invitation expired, was answered or was withdrawn (`reason` says which) */
  'INVITATION_CLOSED',
  /** the person's role or membership changed since the access token was issued: refresh it */
  'RIGHTS_CHANGED',
  /** a security notice's preference: it cannot be turned off */
  'PREFERENCE_LOCKED',
  /** a webhook URL that is, or resolves to, an address webhooks may not reach (loopback, private, metadata…) */
  'UNSAFE_WEBHOOK_URL',
  /** a mailed link (sign-up, password reset) that expired, was used already, or never existed */
  'LINK_EXPIRED',
  'SERVICE_UNAVAILABLE',
  /** payments: a currency prices cannot be set in */
  'UNSUPPORTED_CURRENCY',
  /** payments: a purchase below the price's minimum, above its maximum, or buying nothing */
  'PURCHASE_LIMIT',
  /** payments: the quote's few minutes are over; ask for a new one */
  'QUOTE_EXPIRED',
  /** payments: the price changed after the quote was given; ask for a new one */
  'PRICE_CHANGED',
  /** payments: the payment is not in a state that allows this (confirming a canceled one, refunding an unpaid one) */
  'PAYMENT_STATE_CONFLICT',
  /** refunds: the buyer has spent some of the tokens a refund would take back */
  'TOKENS_SPENT',
  /** refunds: more tokens than the payment bought and not yet refunded */
  'REFUND_EXCEEDS_PAYMENT',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Codes Apollo Server itself gives to bad documents and variables: the caller's mistakes, never internals. */
const APOLLO_CODES = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST'];

/** What an error may say about itself: a refusal carries its code and message, and these extensions, nothing else. */
export const PUBLIC_EXTENSIONS = ['code', 'field', 'retryAfterSeconds', 'requestId'] as const;

const EXPECTED = new Set<string>([...ERROR_CODES.filter((c) => c !== 'INTERNAL_SERVER_ERROR'), ...APOLLO_CODES]);

/** The message an unexpected error shows; the request id finds the full error in the server's log. */
export const INTERNAL_ERROR_MESSAGE = 'Internal error';

/**
 * The code an error was given where it was raised, before Apollo Server labels every other error
 * `INTERNAL_SERVER_ERROR`; null when it has none or an unexpected one.
 */
export function expectedCodeOf(error: unknown): string | null {
  const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
  return typeof code === 'string' && EXPECTED.has(code) ? code : null;
}

/**
 * Error formatting for every server (Apollo Server's `formatError`). An expected error (its own code is on the
 * list) keeps its code, message and public extensions; in production anything else an error carries (a
 * service name, an upstream response, a stack) is dropped. Any other error is unexpected: in production it
 * becomes "Internal error" (`errorReporting` logs it in full and adds the request id); in development it keeps
 * its message and stack for the developer.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = expectedCodeOf(error);
    if (code) {
      if (!production) return formatted;
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => (PUBLIC_EXTENSIONS as readonly string[]).includes(key)));
      return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions };
    }
    if (!production) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * The other half of `formatError`, as a plugin: every unexpected error is logged in full with the request id,
 * and every internal error in the answer carries that id, so support can find the one from the other.
 */
export function errorReporting<TContext extends BaseContext & { readonly requestId: string }>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const err of errors) {
            if (!expectedCodeOf(err)) logger.error({ err, requestId: contextValue?.requestId, operationName, path: err.path }, 'unexpected error');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors || !contextValue?.requestId) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) =>
            e.extensions?.['code'] === 'INTERNAL_SERVER_ERROR' ? { ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } } : e,
          );
        },
      };
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids are UUIDs; anything else is the caller's mistake, reported before it reaches the database. */
export function uuidOrThrow(value: string, field: string): string {
  if (!isUuid(value)) throw appError('BAD_USER_INPUT', `${field} is not a valid id`, { field });
  return value.toLowerCase();
}
