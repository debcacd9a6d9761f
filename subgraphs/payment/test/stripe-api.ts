import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';

/**
 * A local HTTP server that answers the Stripe API requests the adapter makes, with the shapes of Stripe's API
 * reference (PaymentIntent, Refund, the error object with its payment_intent), keeping intents in memory. Test
 * methods follow Stripe's test payment methods: `pm_card_visa` succeeds, `pm_card_chargeDeclined*` decline,
 * `pm_card_threeDSecure2Required` needs the extra step, `pm_card_processing` stays processing.
 */
export interface StripeApi {
  readonly url: string;
  readonly requests: { method: string; path: string; idempotencyKey: string | null; authorization: string | null }[];
  readonly intents: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

const DECLINES: Record<string, string> = {
  pm_card_chargeDeclined: 'generic_decline',
  pm_card_chargeDeclinedInsufficientFunds: 'insufficient_funds',
  pm_card_chargeDeclinedExpiredCard: 'expired_card',
};

function form(body: string): { fields: Record<string, string>; metadata: Record<string, string> } {
  const fields: Record<string, string> = {};
  const metadata: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const m = /^metadata\[(.+)\]$/.exec(key);
    if (m) metadata[m[1]!] = value;
    else fields[key] = value;
  }
  return { fields, metadata };
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

export async function startStripeApi(): Promise<StripeApi> {
  const intents = new Map<string, Record<string, unknown>>();
  const replies = new Map<string, { status: number; body: unknown }>();
  const requests: StripeApi['requests'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      const path = new URL(req.url ?? '/', 'http://stripe').pathname;
      const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
      requests.push({ method: req.method ?? '', path, idempotencyKey, authorization: (req.headers['authorization'] as string | undefined) ?? null });
      const send = (status: number, payload: unknown) => {
        if (idempotencyKey) replies.set(idempotencyKey, { status, body: payload });
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomUUID().slice(0, 12)}` });
        res.end(JSON.stringify(payload));
      };
      const replay = idempotencyKey ? replies.get(idempotencyKey) : undefined;
      if (replay) return send(replay.status, replay.body);
      const notFound = (id: string) => send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${id}'`, param: 'intent' } });
      const { fields, metadata } = form(body);
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && path === '/v1/payment_intents') {
        const id = `pi_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
        const intent = {
          id,
          object: 'payment_intent',
          amount: Number(fields['amount']),
          currency: fields['currency'],
          status: 'requires_payment_method',
          client_secret: `${id}_secret_${randomUUID().slice(0, 8)}`,
          last_payment_error: null,
          next_action: null,
          metadata,
          created: Math.floor(Date.now() / 1000),
          livemode: false,
        };
        intents.set(id, intent);
        return send(200, intent);
      }
      if ((m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)) && req.method === 'GET') {
        const intent = intents.get(m[1]!);
        return intent ? send(200, intent) : notFound(m[1]!);
      }
      if ((m = /^\/v1\/payment_intents\/([^/]+)\/(confirm|cancel)$/.exec(path)) && req.method === 'POST') {
        const intent = intents.get(m[1]!);
        if (!intent) return notFound(m[1]!);
        if (m[2] === 'cancel') {
          Object.assign(intent, { status: 'canceled', canceled_at: Math.floor(Date.now() / 1000), cancellation_reason: 'requested_by_customer' });
          return send(200, intent);
        }
        const method = fields['payment_method'] ?? '';
        const decline = DECLINES[method];
        if (decline) {
          const error = { type: 'card_error', code: 'card_declined', decline_code: decline, message: 'Your card was declined.' };
          Object.assign(intent, { status: 'requires_payment_method', last_payment_error: error });
          return send(402, { error: { ...error, payment_intent: intent } });
        }
        if (method === 'pm_card_threeDSecure2Required') Object.assign(intent, { status: 'requires_action', next_action: { type: 'use_stripe_sdk', use_stripe_sdk: {} }, last_payment_error: null });
        else if (method === 'pm_card_processing') Object.assign(intent, { status: 'processing', last_payment_error: null });
        else Object.assign(intent, { status: 'succeeded', last_payment_error: null, next_action: null });
        return send(200, intent);
      }
      if (req.method === 'POST' && path === '/v1/refunds') {
        const intent = intents.get(fields['payment_intent'] ?? '');
        if (!intent) return notFound(fields['payment_intent'] ?? '');
        if (intent['status'] !== 'succeeded') return send(400, { error: { type: 'invalid_request_error', code: 'charge_not_refundable', message: 'This PaymentIntent has not succeeded.' } });
        return send(200, { id: `re_${randomUUID().replaceAll('-', '').slice(0, 24)}`, object: 'refund', amount: Number(fields['amount']), currency: intent['currency'], payment_intent: intent['id'], status: 'succeeded', failure_reason: null, metadata });
      }
      send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path}).` } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    intents,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
