import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { DISABLE_AFTER_FAILING_MS, failingTooLong, nextAttemptDelayMs, outcomeOf, RETRY_SCHEDULE_MS } from './schedule.ts';
import { generateSecret, sign, verify, webhookHeaders } from './signature.ts';
import { AddressGuard } from './ssrf.ts';
import { endpointUrlOrThrow, eventTypesOrThrow } from './webhook.rules.ts';

describe('signatures (checked by the standardwebhooks reference implementation)', () => {
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const body = '{"type":"webhook.test","version":1,"timestamp":"2026-12-01T10:00:00.000Z","data":{}}';

  it('a whsec_ secret of 32 random bytes, different every time', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });

  it('signs as the reference implementation does, and verifies what it sends', () => {
    const secret = generateSecret();
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([secret], id, now, body);
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign(id, new Date(now * 1000), body));
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(verify(secret, headers, body, now)).toBe(true);
  });

  it('during a rotation both secrets sign, so a receiver with either accepts; a tampered body or another secret is refused', () => {
    const [old, fresh] = [generateSecret(), generateSecret()];
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([fresh, old], id, now, body);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(old).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(fresh).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(fresh).verify(`${body} `, headers)).toThrow();
    expect(verify(fresh, headers, body, now + 301)).toBe(false);
    expect(sign(fresh, id, now, body)).not.toBe(sign(old, id, now, body));
  });
});

describe('the retry schedule', () => {
  it("is Svix's: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then no more", () => {
    expect([...RETRY_SCHEDULE_MS]).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(Array.from({ length: 9 }, (_, i) => nextAttemptDelayMs(i, () => 0))).toEqual([...RETRY_SCHEDULE_MS, null]);
  });

  it('stretches each delay by up to a tenth at random', () => {
    expect(nextAttemptDelayMs(1, () => 0.999)).toBe(Math.round(5_000 * 1.0999));
    expect(nextAttemptDelayMs(3, () => 0.5)).toBe(1_890_000);
  });

  it('2xx succeeds; 3xx, 4xx, 5xx and no answer fail; 410 disables', () => {
    const r = (status: number) => outcomeOf({ kind: 'response', status, excerpt: '', durationMs: 1 });
    expect([200, 204, 299].map(r)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect([301, 302, 400, 404, 500, 503].map(r)).toEqual(Array(6).fill('failed'));
    expect(r(410)).toBe('gone');
    expect(outcomeOf({ kind: 'error', error: 'timeout', durationMs: 15_000 })).toBe('failed');
  });

  it('an endpoint failing for five days is disabled, not a moment before', () => {
    const since = new Date('2026-12-01T00:00:00Z');
    expect(failingTooLong(since, new Date(since.getTime() + DISABLE_AFTER_FAILING_MS - 1))).toBe(false);
    expect(failingTooLong(since, new Date(since.getTime() + DISABLE_AFTER_FAILING_MS))).toBe(true);
    expect(failingTooLong(null, new Date())).toBe(false);
  });
});

describe('the SSRF guard', () => {
  const guard = new AddressGuard();

  it('refuses loopback, private, link-local (cloud metadata), unique-local and other non-public addresses', () => {
    for (const ip of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '::1', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1', '64:ff9b::a00:1', '2002:7f00:1::']) {
      expect(guard.problem(ip), ip).not.toBeNull();
    }
    for (const ip of ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '8.8.8.8']) expect(guard.problem(ip), ip).toBeNull();
  });

  it('refuses a name that resolves to loopback, checked after resolution', async () => {
    await expect(guard.resolveOrThrow('localhost')).rejects.toThrow(/loopback/);
    await expect(guard.resolveOrThrow('[::1]')).rejects.toThrow(/loopback/);
  });

  it('lets an allowed network through (tests and development), and nothing beyond it', () => {
    const dev = new AddressGuard(['127.0.0.1/32']);
    expect(dev.problem('127.0.0.1')).toBeNull();
    expect(dev.problem('127.0.0.2')).not.toBeNull();
    expect(dev.problem('10.0.0.1')).not.toBeNull();
    expect(() => AddressGuard.parseNetworks('127.0.0.1/33')).toThrow();
  });

  it('endpoint URLs are https, without credentials; event types are known ones', () => {
    expect(() => endpointUrlOrThrow('http://example.com/hook', false)).toThrow(/https/);
    expect(endpointUrlOrThrow('http://example.com/hook', true).protocol).toBe('http:');
    expect(() => endpointUrlOrThrow('https://user:pw@example.com/', false)).toThrow(/password/);
    expect(() => endpointUrlOrThrow('not a url', false)).toThrow(/absolute URL/);
    expect(() => eventTypesOrThrow([])).toThrow();
    expect(() => eventTypesOrThrow(['token.transaction.committed', 'made.up'])).toThrow(/made\.up/);
    expect(eventTypesOrThrow(['webhook.test', 'webhook.test'])).toEqual(['webhook.test']);
  });
});
