import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** Where a client's address comes from: the socket, or `X-Forwarded-For` as written by proxies the gateway trusts. */
export type ClientAddressResolver = (req: Pick<IncomingMessage, 'headers' | 'socket'>) => string;

/** `::ffff:203.0.113.7` is the IPv4 client 203.0.113.7, whichever way the socket reports it. */
function normalized(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

/** Trusted proxies as addresses or CIDR ranges (`10.0.0.0/8`, `fd00::/8`, `127.0.0.1`); throws on a bad entry. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.trim().split('/');
    const family = isIP(address);
    if (!family) throw new Error(`not an IP address or range: ${entry}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new Error(`bad prefix length: ${entry}`);
      list.addSubnet(address, prefix, type);
    }
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address. With no trusted proxy, the socket's peer, and `X-Forwarded-For` is ignored (anyone can
 * write it). When the peer is a trusted proxy, `X-Forwarded-For` is read from the right (each proxy appends the
 * address it saw), skipping trusted proxies; the first untrusted address is the client. An entry that is not an
 * address stops the walk at the last trusted hop, so a forged or garbled header never names the client.
 */
export function clientAddressResolver(trusted: readonly string[]): ClientAddressResolver {
  const list = trustedProxyList(trusted);
  const none = trusted.length === 0;
  return (req) => {
    const peer = normalized(req.socket.remoteAddress ?? 'unknown');
    if (none || !isTrusted(list, peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map(normalized).filter(Boolean);
    let client = peer;
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = hops[i]!;
      if (!isIP(hop)) return client;
      client = hop;
      if (!isTrusted(list, hop)) return hop;
    }
    return client;
  };
}
