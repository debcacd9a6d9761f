import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@etika/kit';
import { PaymentResolver, paymentReference } from './payment/payment.resolver.ts';
import { Payment, UserRef } from './payment/payment.type.ts';
import { PriceResolver, TokenPriceResolver, tokenReference } from './price/price.resolver.ts';
import { TokenRef } from './price/price.type.ts';
import { QuoteResolver } from './quote/quote.resolver.ts';
import { RefundResolver } from './refund/refund.resolver.ts';
import { Refund } from './refund/refund.type.ts';

export function buildPaymentSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [PriceResolver, TokenPriceResolver, QuoteResolver, PaymentResolver, RefundResolver],
    orphanedTypes: [Payment, Refund, TokenRef, UserRef],
    references: {
      Payment: paymentReference,
      Token: tokenReference,
      User: { __resolveReference: (ref: { id: string }): UserRef => ({ id: ref.id }) },
    },
  });
}
