import { GraphQLError } from 'graphql';
import { appError, expectedCodeOf } from '@etika/kit';
import type { Principal } from '@etika/schema';
import type { CommittedTransaction } from '../transaction/transaction.service.ts';
import type { LedgerService, LegInput } from './ledger.service.ts';

export interface IndependentMovement extends LegInput {
  readonly idempotencyKey: string;
  readonly memo?: string | null | undefined;
}

export type MovementOutcome =
  | { readonly idempotencyKey: string; readonly committed: CommittedTransaction; readonly refusal: null }
  | { readonly idempotencyKey: string; readonly committed: null; readonly refusal: { code: string; message: string; field: string | null } };

export const MAX_MOVEMENTS = 100;

/**
 * A partner batch: each movement is its own ledger transaction under its own key, one after the other in the order
 * given, so one refused (an overdraft, a bad amount) leaves the others committed and says why in its own result.
 * A refusal is what the caller could have been told as a GraphQL error (its code is in the catalogue); anything
 * else (the database unreachable, a bug) stops the request with that error: the movements before it are committed
 * and replay under their keys when the whole request is sent again.
 */
export async function submitEach(ledger: LedgerService, principal: Principal, principalToken: string, movements: readonly IndependentMovement[]): Promise<MovementOutcome[]> {
  if (movements.length === 0 || movements.length > MAX_MOVEMENTS) throw appError('BAD_USER_INPUT', `A partner batch has 1 to ${MAX_MOVEMENTS} movements`, { field: 'movements' });
  const outcomes: MovementOutcome[] = [];
  for (const m of movements) {
    try {
      const committed = await ledger.submit(principal, principalToken, { kind: m.kind, idempotencyKey: m.idempotencyKey, memo: m.memo, legs: [{ kind: m.kind, tokenId: m.tokenId, amount: m.amount, toUserId: m.toUserId }] });
      outcomes.push({ idempotencyKey: m.idempotencyKey, committed, refusal: null });
    } catch (err) {
      const code = expectedCodeOf(err);
      if (!code || code === 'SERVICE_UNAVAILABLE' || !(err instanceof GraphQLError)) throw err;
      const field = err.extensions['field'];
      outcomes.push({ idempotencyKey: m.idempotencyKey, committed: null, refusal: { code, message: err.message, field: typeof field === 'string' ? field : null } });
    }
  }
  return outcomes;
}
