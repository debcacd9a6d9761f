import { GraphQLError } from 'graphql';
import { SpanKind, activeTracing, inSpan } from './tracing/tracing.ts';

/**
 * SQLSTATEs after which PostgreSQL has rolled the whole transaction back and running it again may succeed:
 * serialization failure and deadlock. Nothing of the failed attempt was written, so a retry is always safe.
 */
const CONFLICTS = new Set(['40001', '40P01']);

/**
 * The database cannot be reached or is going away: it is shutting down or starting up (57P01–57P03), the
 * connection failed (class 08), too many connections (53300), or the driver lost or could not open its socket.
 */
const UNAVAILABLE = new Set([
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND',
]);

/** Attempts of one transaction before a conflict is given up on (as `SERVICE_UNAVAILABLE`, retryable). */
export const TRANSACTION_ATTEMPTS = 6;

/** The codes along an error's `cause` chain: drizzle wraps the driver's error, whose `code` is the SQLSTATE. */
export function errorCodesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

export const isTransactionConflict = (err: unknown): boolean => errorCodesOf(err).some((c) => CONFLICTS.has(c));
export const isDatabaseUnavailable = (err: unknown): boolean => !(err instanceof GraphQLError) && errorCodesOf(err).some((c) => UNAVAILABLE.has(c));

/** Full jitter, doubling from 5 ms up to 160 ms: at most about half a second of waiting over all attempts. */
export function conflictBackoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(160, 5 * 2 ** attempt));
}

/** What a client is told when the database is down or a conflict kept coming back: try again, nothing was written. */
export function unavailableError(err: unknown): GraphQLError {
  return new GraphQLError('The service cannot complete this right now; nothing was changed, try again shortly', {
    originalError: err instanceof Error ? err : undefined,
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 },
  });
}

/** Both drivers (PGlite and postgres.js) speak to PostgreSQL; the older and the current attribute name. */
const DB_ATTRIBUTES = { 'db.system': 'postgresql', 'db.system.name': 'postgresql', 'db.operation.name': 'transaction' };

/**
 * Runs a whole transaction, again from the start when PostgreSQL rolled it back for a serialization failure or a
 * deadlock, with bounded backoff; a conflict that outlasts the attempts, or a database that cannot be reached,
 * becomes `SERVICE_UNAVAILABLE`, never the driver's error. Connection failures are not retried here: a commit whose
 * answer was lost may have happened, so the client decides, with its idempotency key.
 */
export async function retryingTransaction<T>(run: () => Promise<T>, onRetry?: (attempt: number, err: unknown) => void): Promise<T> {
  const tracing = activeTracing();
  if (!tracing) return attempts(run, onRetry);
  // one span for the whole transaction, retries as its events; statements and their values are not recorded
  return inSpan(tracing, 'transaction', { kind: SpanKind.CLIENT, attributes: DB_ATTRIBUTES }, (span) =>
    attempts(run, (attempt, err) => {
      span.addEvent('retry', { attempt, 'error.type': errorCodesOf(err)[0] ?? 'conflict' });
      onRetry?.(attempt, err);
    }),
  );
}

async function attempts<T>(run: () => Promise<T>, onRetry?: (attempt: number, err: unknown) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (isTransactionConflict(err) && attempt < TRANSACTION_ATTEMPTS) {
        onRetry?.(attempt, err);
        await new Promise((resolve) => setTimeout(resolve, conflictBackoffMs(attempt)));
        continue;
      }
      if (isTransactionConflict(err) || isDatabaseUnavailable(err)) throw unavailableError(err);
      throw err;
    }
  }
}
