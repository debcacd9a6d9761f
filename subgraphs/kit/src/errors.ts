import { GraphQLError, type GraphQLFormattedError } from 'graphql';

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
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

const EXPECTED = new Set<string>([
  ...ERROR_CODES,
  // codes Apollo Server itself produces for bad documents and variables
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Error formatting for every server: expected errors pass through with their code; anything else is logged by the
 * caller and, in production, replaced by a generic message so no internals or stack traces leave the process.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = typeof formatted.extensions?.['code'] === 'string' ? formatted.extensions['code'] : undefined;
    if (code && EXPECTED.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (!production) return { ...formatted, extensions: { ...formatted.extensions, code: code ?? 'INTERNAL_SERVER_ERROR' } };
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
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
