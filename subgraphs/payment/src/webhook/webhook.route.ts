import { HttpError, gatewayPrincipalOrThrow, readBody, sendJson, type InternalRoute, type Logger } from '@etika/kit';
import { PAYMENT_WEBHOOKS } from '@etika/schema';
import type { PaymentService } from '../payment/payment.service.ts';
import { WebhookSignatureError, type PaymentProvider } from '../provider/provider.ts';
import type { RefundService } from '../refund/refund.service.ts';

type Key = Parameters<typeof gatewayPrincipalOrThrow>[1];

/** Where the gateway forwards `POST /webhooks/payments/<provider>`, with the provider's signature under one header name. */
export const WEBHOOK_ROUTE_PREFIX = PAYMENT_WEBHOOKS.internalPrefix;

/**
 * A provider's delivery, forwarded by the gateway (its principal token proves that): the signature is checked over
 * the raw body with the provider's secret; a bad, stale or missing one is 400 and changes nothing. Each event is
 * applied once (see `PaymentService.handleEvent`); a duplicate answers 200 like the first.
 */
export function webhookRoute(gatewayKey: Key, provider: PaymentProvider, payments: PaymentService, refunds: RefundService, logger: Logger): InternalRoute {
  return async (req, res, url) => {
    if (req.method !== 'POST') throw new HttpError(405, 'POST only', 'BAD_REQUEST');
    await gatewayPrincipalOrThrow(req, gatewayKey);
    if (url.pathname !== `${WEBHOOK_ROUTE_PREFIX}${provider.name}`) throw new HttpError(404, 'no such payment provider here', 'NOT_FOUND');
    const raw = await readBody(req);
    const signature = req.headers[PAYMENT_WEBHOOKS.forwardedSignatureHeader];
    let event;
    try {
      event = provider.parseWebhook(raw, typeof signature === 'string' ? signature : undefined);
    } catch (err) {
      if (!(err instanceof WebhookSignatureError)) throw err;
      logger.warn({ problem: err.message }, 'webhook refused: its signature does not hold');
      throw new HttpError(400, 'The webhook signature does not hold', 'BAD_REQUEST');
    }
    if (!event) return sendJson(res, 200, { received: true, applied: false });
    const outcome = await payments.handleEvent(event, (tx, e) => refunds.applyEvent(tx, e));
    sendJson(res, 200, { received: true, applied: outcome === 'applied' });
  };
}
