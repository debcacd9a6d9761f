import { createSubgraphServer, importPublicKey, peerUrlOrThrow, startOutboxRelay, trustedKeyOrThrow, type SubgraphDeps, type SubgraphServer } from '@etika/kit';
import { EVENT_TYPES } from '@etika/schema';
import type { PaymentContext, PaymentServices } from './context.ts';
import { recordIssuance } from './payment/issuance.consumer.ts';
import { PaymentService } from './payment/payment.service.ts';
import { httpTokenLedger } from './payment/token.client.ts';
import { PriceService } from './price/price.service.ts';
import { providerFrom, type ProviderSettings } from './provider/provider.factory.ts';
import { QuoteService } from './quote/quote.service.ts';
import { RefundService } from './refund/refund.service.ts';
import { buildPaymentSchema } from './schema.ts';
import { WEBHOOK_ROUTE_PREFIX, webhookRoute } from './webhook/webhook.route.ts';

export interface PaymentOptions extends ProviderSettings {
  readonly quoteTtlSeconds: number;
  readonly reconcileIntervalMs: number;
  readonly reconcileAfterMs: number;
  readonly reissueAfterMs: number;
}

/**
 * The payment subgraph, its outbox relay (payment.succeeded and the rest reach token and others through the bus),
 * its provider, its webhook route and the scheduled reconciliation of payments stuck in processing.
 */
export async function buildPaymentServer(deps: SubgraphDeps, options: PaymentOptions): Promise<SubgraphServer<PaymentContext>> {
  const db = deps.database.db;
  const relay = startOutboxRelay({ db, schema: 'payment', bus: deps.bus, logger: deps.logger });
  const provider = await providerFrom(options, deps.logger, db);
  const ledger = httpTokenLedger(() => peerUrlOrThrow(deps.peers, 'token'));
  const payments = new PaymentService(db, provider, ledger, deps.logger, () => relay.kick());
  const refunds = new RefundService(db, provider, ledger, () => relay.kick());
  const services: PaymentServices = { prices: new PriceService(db, ledger), quotes: new QuoteService(db, options.quoteTtlSeconds), payments, refunds };
  deps.bus.subscribe('payment-issuance', [EVENT_TYPES.tokenPurchaseSettled], recordIssuance(db, deps.logger));
  const reconcile = setInterval(() => {
    payments.reconcileStuck(options.reconcileAfterMs, options.reissueAfterMs).catch((err: unknown) => deps.logger.error({ err }, 'scheduled reconciliation failed'));
    refunds.resumeStuck(options.reconcileAfterMs).catch((err: unknown) => deps.logger.error({ err }, 'scheduled refund recovery failed'));
  }, options.reconcileIntervalMs);
  const gatewayKey = await importPublicKey(trustedKeyOrThrow(deps.keys, 'gateway'));
  return createSubgraphServer<PaymentContext>({
    name: 'payment',
    schema: await buildPaymentSchema(),
    db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    rights: deps.rights,
    buildContext: (info) => ({ ...info, services }),
    internalRoutes: { [`${WEBHOOK_ROUTE_PREFIX}${provider.name}`]: webhookRoute(gatewayKey, provider, payments, refunds, deps.logger) },
    onClose: async () => {
      clearInterval(reconcile);
      provider.close?.();
      await relay.stop();
    },
  });
}
