import { callInternal, HttpError } from '@etika/kit';
import { INTERNAL_ROUTES, PRINCIPAL_HEADER, type InternalAnswer } from '@etika/schema';

export type RefundAnswer = InternalAnswer<typeof INTERNAL_ROUTES.refundPurchase>;

/** What payment asks the token ledger, always with the caller's relayed principal token. */
export interface TokenLedger {
  /** `fits`, `cap` (the supply cap would break) or `no_token` (no such token in the organisation). */
  reserve(principalToken: string, request: { tokenId: string; tokens: bigint; quoteId: string | null }): Promise<'fits' | 'cap' | 'no_token'>;
  takeBack(principalToken: string, request: { paymentId: string; refundId: string; tokens: bigint; onlyWhatIsLeft: boolean }): Promise<RefundAnswer>;
}

export function httpTokenLedger(baseUrl: () => string): TokenLedger {
  const orThrow = <T>(answer: T | null): T => {
    if (answer === null) throw new HttpError(502, 'the token service did not answer', 'SERVICE_UNAVAILABLE');
    return answer;
  };
  return {
    reserve: async (principalToken, r) =>
      orThrow(await callInternal(baseUrl(), INTERNAL_ROUTES.reservePurchase, { tokenId: r.tokenId, tokens: r.tokens.toString(), quoteId: r.quoteId }, { [PRINCIPAL_HEADER]: principalToken })).outcome,
    takeBack: async (principalToken, r) =>
      orThrow(
        await callInternal(baseUrl(), INTERNAL_ROUTES.refundPurchase, { paymentId: r.paymentId, refundId: r.refundId, tokens: r.tokens.toString(), onlyWhatIsLeft: r.onlyWhatIsLeft }, { [PRINCIPAL_HEADER]: principalToken }),
      ),
  };
}
