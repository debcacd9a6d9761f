import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies an incoming webhook the way Standard Webhooks 1.0 signs it: `webhook-id`, `webhook-timestamp` (seconds)
 * and `webhook-signature` (space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, keyed by the endpoint
 * secret `whsec_<base64>`). Pass the raw body exactly as received, before any JSON parsing.
 */
export interface WebhookHeaders {
  readonly 'webhook-id'?: string | null;
  readonly 'webhook-timestamp'?: string | null;
  readonly 'webhook-signature'?: string | null;
}

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** How far a timestamp may be from now: older deliveries are replays, newer ones are forged. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** Signs as a sender would (for tests of a receiver); verification is `verifyWebhook`. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** Answers the parsed payload when one signature matches and the timestamp is recent; throws otherwise. */
export function verifyWebhook<T = unknown>(
  secret: string,
  headers: WebhookHeaders | Headers | Readonly<Record<string, string | string[] | undefined>>,
  body: string,
  options: { readonly toleranceSeconds?: number; readonly now?: Date } = {},
): T {
  const read = (name: keyof WebhookHeaders): string => {
    const value = headers instanceof Headers ? headers.get(name) : (headers as Record<string, unknown>)[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text !== 'string' || text.length === 0) throw new WebhookVerificationError(`missing ${name} header`);
    return text;
  };
  const id = read('webhook-id');
  const timestamp = Number(read('webhook-timestamp'));
  const signatures = read('webhook-signature').split(' ');
  if (!Number.isInteger(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not a number of seconds');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (timestamp < now - tolerance) throw new WebhookVerificationError('the webhook is too old');
  if (timestamp > now + tolerance) throw new WebhookVerificationError('the webhook is dated in the future');
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body).slice('v1,'.length), 'base64');
  const matches = signatures.some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookVerificationError('no signature matches');
  return JSON.parse(body) as T;
}
