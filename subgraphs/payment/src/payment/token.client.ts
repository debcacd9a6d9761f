import { GraphQLError } from 'graphql';
import { callInternal, type ErrorCode } from '@etika/kit';
import { INTERNAL_ROUTES, PRINCIPAL_HEADER, type InternalAnswer } from '@etika/schema';

export type RefundAnswer = InternalAnswer<typeof INTERNAL_ROUTES.refundPurchase>;

/** What payment asks the token ledger, always with the caller's relayed principal token. */
export interface TokenLedger {
  /** `fits`, `cap` (the supply cap would break) or `no_token` (no such token in the organisation). */
  reserve(principalToken: string, request: { tokenId: string; tokens: bigint; quoteId: string | null }): Promise<'fits' | 'cap' | 'no_token'>;
  takeBack(principalToken: string, request: { paymentId: string; refundId: string; tokens: bigint; onlyWhatIsLeft: boolean }): Promise<RefundAnswer>;
}

/**
 * Token's routes answer every question (an unknown token is an outcome, not a 404), so a 404 means the route is
 * not there: a token service of another release during a deploy. Nothing the caller sent is wrong and the same
 * request will work once token has the route, so it is a retryable refusal, later rather than at once.
 */
const ROUTE_MISSING_RETRY_SECONDS = 30;

export function httpTokenLedger(baseUrl: () => string): TokenLedger {
  const orThrow = <T>(path: string, answer: T | null): T => {
    if (answer !== null) return answer;
    // the original error, for the log, names the missing route; the caller is told only what it can act on
    throw new GraphQLError('The token service cannot do this right now; try again in a little while', {
      originalError: new Error(`token answered 404 to ${path}: it has no such route`),
      extensions: { code: 'SERVICE_UNAVAILABLE' satisfies ErrorCode, retryAfterSeconds: ROUTE_MISSING_RETRY_SECONDS },
    });
  };
  const { reservePurchase, refundPurchase } = INTERNAL_ROUTES;
  return {
    reserve: async (principalToken, r) =>
      orThrow(reservePurchase.path, await callInternal(baseUrl(), reservePurchase, { tokenId: r.tokenId, tokens: r.tokens.toString(), quoteId: r.quoteId }, { [PRINCIPAL_HEADER]: principalToken })).outcome,
    takeBack: async (principalToken, r) =>
      orThrow(refundPurchase.path, await callInternal(baseUrl(), refundPurchase, { paymentId: r.paymentId, refundId: r.refundId, tokens: r.tokens.toString(), onlyWhatIsLeft: r.onlyWhatIsLeft }, { [PRINCIPAL_HEADER]: principalToken })),
  };
}
