import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError, signWebhook, verifyWebhook } from '../src/index.ts';

/** Signatures made by the reference implementation of Standard Webhooks (`standardwebhooks`), verified by the SDK. */
const secret = `whsec_${randomBytes(24).toString('base64')}`;
const reference = new Webhook(secret);
const body = JSON.stringify({ type: 'token.transaction.committed', data: { transactionId: 't1', amount: '1250' } });

function delivery(at = new Date(), id = `msg_${randomBytes(6).toString('hex')}`) {
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': reference.sign(id, at, body) };
}

describe('verifyWebhook', () => {
  it('accepts what the reference implementation signs, and answers the payload', () => {
    expect(verifyWebhook(secret, delivery(), body)).toEqual(JSON.parse(body));
    expect(verifyWebhook(secret, new Headers(delivery()), body)).toEqual(JSON.parse(body));
  });

  it('refuses a changed body, another secret, another message id', () => {
    const headers = delivery();
    expect(() => verifyWebhook(secret, headers, body.replace('1250', '9999'))).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(`whsec_${randomBytes(24).toString('base64')}`, headers, body)).toThrow(/no signature matches/);
    expect(() => verifyWebhook(secret, { ...headers, 'webhook-id': 'msg_other' }, body)).toThrow(/no signature matches/);
  });

  it('refuses a replay past the tolerance and a date in the future', () => {
    expect(() => verifyWebhook(secret, delivery(new Date(Date.now() - 6 * 60_000)), body)).toThrow(/too old/);
    expect(() => verifyWebhook(secret, delivery(new Date(Date.now() + 6 * 60_000)), body)).toThrow(/future/);
    expect(verifyWebhook(secret, delivery(new Date(Date.now() - 6 * 60_000)), body, { toleranceSeconds: 600 })).toBeTruthy();
  });

  it('accepts any one valid signature of several (a secret being rotated), and refuses missing headers', () => {
    const headers = delivery();
    const rotated = { ...headers, 'webhook-signature': `v1,${randomBytes(32).toString('base64')} ${headers['webhook-signature']}` };
    expect(verifyWebhook(secret, rotated, body)).toBeTruthy();
    expect(() => verifyWebhook(secret, { 'webhook-id': headers['webhook-id'] }, body)).toThrow(/webhook-timestamp/);
  });

  it('signs what the reference implementation verifies', () => {
    const at = new Date();
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signWebhook(secret, 'msg_1', Math.floor(at.getTime() / 1000), body) };
    expect(reference.verify(body, headers)).toEqual(JSON.parse(body));
  });
});
