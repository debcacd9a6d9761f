import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, type Logger } from '@etika/kit';
import { PAYMENT_WEBHOOKS, PRINCIPAL_HEADER, REQUEST_ID_HEADER } from '@etika/schema';

export const isPaymentWebhook = (pathname: string) => pathname.startsWith(PAYMENT_WEBHOOKS.publicPrefix);

export interface PaymentWebhookOptions {
  /** The payment subgraph's GraphQL URL, when the supergraph has one. */
  readonly paymentUrl: string | undefined;
  /** A principal token of the gateway's own (anonymous), which payment's internal routes require. */
  readonly principalToken: () => Promise<string>;
  readonly logger: Logger;
}

/**
 * `POST /webhooks/payments/<provider>`: the raw body, byte for byte, and the provider's signature header go to the
 * payment subgraph, which checks the signature and answers (400 when it does not hold). The gateway parses nothing
 * and changes nothing; it answers what payment answers, or 503 when payment cannot be reached (providers retry).
 */
export function paymentWebhooks(options: PaymentWebhookOptions): (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) => Promise<void> {
  return async (req, res, url, requestId) => {
    const provider = url.pathname.slice(PAYMENT_WEBHOOKS.publicPrefix.length);
    const signatureHeader = (PAYMENT_WEBHOOKS.signatureHeaders as Record<string, string>)[provider];
    if (!signatureHeader || !options.paymentUrl) return sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' }, { allow: 'POST' });
    const body = await readBody(req);
    const signature = req.headers[signatureHeader];
    let answer: Response;
    try {
      answer = await fetch(new URL(`${PAYMENT_WEBHOOKS.internalPrefix}${provider}`, options.paymentUrl), {
        method: 'POST',
        headers: {
          'content-type': req.headers['content-type'] ?? 'application/json',
          [PRINCIPAL_HEADER]: await options.principalToken(),
          [REQUEST_ID_HEADER]: requestId,
          ...(typeof signature === 'string' ? { [PAYMENT_WEBHOOKS.forwardedSignatureHeader]: signature } : {}),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      options.logger.warn({ err, requestId, provider }, 'payment webhook could not be forwarded');
      return sendJson(res, 503, { error: 'payments are unavailable; retry later' });
    }
    const text = await answer.text();
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json; charset=utf-8' });
    res.end(text);
  };
}
