import { HttpError, gatewayPrincipalOrThrow, internalRoute, type InternalRoute } from '@etika/kit';
import { INTERNAL_ROUTES, principalActor, type Principal, type Scope } from '@etika/schema';
import type { PurchaseService } from './purchase.service.ts';

type Key = Parameters<typeof gatewayPrincipalOrThrow>[1];

/** The relayed principal of the person payment acts for, in an organisation, holding the scope the question needs. */
type Caller = Exclude<Principal, { kind: 'anonymous' }> & { readonly orgId: string };

async function callerOrThrow(req: Parameters<InternalRoute>[0], gatewayKey: Key, anyOf: readonly Scope[]): Promise<Caller> {
  const principal = await gatewayPrincipalOrThrow(req, gatewayKey);
  if (principal.kind === 'anonymous' || !principal.orgId) throw new HttpError(403, 'no organisation', 'FORBIDDEN');
  if (!anyOf.some((s) => principal.scopes.includes(s))) throw new HttpError(403, `this needs ${anyOf.join(' or ')}`, 'FORBIDDEN');
  return principal as Caller;
}

/**
 * What payment asks token (contracts in `@etika/schema`'s `INTERNAL_ROUTES`), with the caller's relayed principal
 * token: whether a purchase fits under the cap (holding room for it), and taking back a refund's tokens.
 */
export function purchaseRoutes(gatewayKey: Key, purchases: PurchaseService): Record<string, InternalRoute> {
  const { reservePurchase, refundPurchase } = INTERNAL_ROUTES;
  return {
    [reservePurchase.path]: internalRoute(
      reservePurchase,
      (req) => callerOrThrow(req, gatewayKey, ['payment:create', 'payment:manage']),
      async (r, caller) => ({ outcome: await purchases.reserve(caller.orgId, { tokenId: r.tokenId, tokens: BigInt(r.tokens), quoteId: r.quoteId }) }),
    ),
    [refundPurchase.path]: internalRoute(
      refundPurchase,
      (req) => callerOrThrow(req, gatewayKey, ['payment:refund']),
      async (r, caller) => {
        if (r.onlyWhatIsLeft && caller.role !== 'owner') throw new HttpError(403, 'only an owner refunds only what is left', 'FORBIDDEN');
        return purchases.takeBack(caller.orgId, principalActor(caller), { paymentId: r.paymentId, refundId: r.refundId, tokens: BigInt(r.tokens), onlyWhatIsLeft: r.onlyWhatIsLeft });
      },
    ),
  };
}
