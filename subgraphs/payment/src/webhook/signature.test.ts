import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { signatureHeader, signatureProblem } from './signature.ts';

const SECRET = 'whsec_test_secret_for_signatures';
const body = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded' });
const now = new Date('2026-12-01T12:00:00Z');

describe('webhook signatures (t=…,v1=… HMAC-SHA256, 300 s)', () => {
  it('accepts its own signature, and Stripe’s library accepts it too', () => {
    const header = signatureHeader(body, SECRET, now);
    expect(signatureProblem(header, body, SECRET, now)).toBeNull();
    const stripe = new Stripe('sk_test_x');
    const real = stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp: Math.floor(now.getTime() / 1000) });
    expect(signatureProblem(real, body, SECRET, now)).toBeNull();
    expect(stripe.webhooks.constructEvent(body, signatureHeader(body, SECRET), SECRET).id).toBe('evt_1');
  });

  it('refuses a missing, malformed, stale, future, tampered or foreign signature', () => {
    const header = signatureHeader(body, SECRET, now);
    expect(signatureProblem(undefined, body, SECRET, now)).toBe('missing');
    expect(signatureProblem('v1=abc', body, SECRET, now)).toBe('malformed');
    expect(signatureProblem(header, body, SECRET, new Date(now.getTime() + 301_000))).toBe('stale');
    expect(signatureProblem(header, body, SECRET, new Date(now.getTime() - 301_000))).toBe('stale');
    expect(signatureProblem(header, body, SECRET, new Date(now.getTime() + 299_000))).toBeNull();
    expect(signatureProblem(header, `${body} `, SECRET, now)).toBe('mismatch');
    expect(signatureProblem(header, body, 'whsec_another_secret_entirely', now)).toBe('mismatch');
    expect(signatureProblem(header.replace(/v1=./, 'v1=0'), body, SECRET, now)).toBe('mismatch');
  });
});
