import { describe, expect, it } from 'vitest';
import { clientAddressResolver, trustedProxyList } from './client-address.ts';

const req = (peer: string, forwarded?: string) => ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as Parameters<ReturnType<typeof clientAddressResolver>>[0];

describe('clientAddressResolver', () => {
  it('with no trusted proxy, is the socket peer whatever X-Forwarded-For says', () => {
    const resolve = clientAddressResolver([]);
    expect(resolve(req('203.0.113.5', '198.51.100.1'))).toBe('203.0.113.5');
    expect(resolve(req('::ffff:203.0.113.5'))).toBe('203.0.113.5');
  });

  it('ignores X-Forwarded-For from a peer that is not trusted', () => {
    expect(clientAddressResolver(['10.0.0.0/8'])(req('203.0.113.5', '198.51.100.1'))).toBe('203.0.113.5');
  });

  it('behind trusted proxies, is the first untrusted address from the right', () => {
    const resolve = clientAddressResolver(['10.0.0.0/8', 'fd00::/8']);
    expect(resolve(req('10.1.2.3', '198.51.100.1'))).toBe('198.51.100.1');
    // a client-written entry on the left is not believed: the proxy appended the address it saw
    expect(resolve(req('10.1.2.3', '6.6.6.6, 198.51.100.1, 10.9.9.9'))).toBe('198.51.100.1');
    expect(resolve(req('fd00::1', '2001:db8::7'))).toBe('2001:db8::7');
  });

  it('stops at the last trusted hop when an entry is not an address', () => {
    const resolve = clientAddressResolver(['10.0.0.0/8']);
    expect(resolve(req('10.1.2.3', 'garbage, 10.2.2.2'))).toBe('10.2.2.2');
    expect(resolve(req('10.1.2.3', ''))).toBe('10.1.2.3');
  });

  it('refuses a trusted list entry that is not an address or range', () => {
    expect(() => trustedProxyList(['10.0.0.0/33'])).toThrow();
    expect(() => trustedProxyList(['proxy.internal'])).toThrow();
  });
});
