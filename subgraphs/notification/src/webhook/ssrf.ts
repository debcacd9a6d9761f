import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Where webhooks may go: public unicast addresses only. Loopback, private, link-local (which holds the cloud
 * metadata address 169.254.169.254), unique-local, carrier-grade NAT, multicast, reserved and IPv6 forms that embed an
 * IPv4 address are refused, unless an allowed network (tests and development only) contains the address.
 */
export class AddressGuard {
  private readonly allowed: Range[];

  constructor(allowedNetworks: readonly string[] = []) {
    this.allowed = allowedNetworks.map((cidr) => ipaddr.parseCIDR(cidr));
  }

  static parseNetworks(list: string): string[] {
    const networks = list.split(',').map((s) => s.trim()).filter(Boolean);
    for (const n of networks) ipaddr.parseCIDR(n);
    return networks;
  }

  /** Why this address may not be called, or null when it may. */
  problem(ip: string): string | null {
    if (!ipaddr.isValid(ip)) return `${ip} is not an address`;
    let address = ipaddr.parse(ip);
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
    if (this.allowed.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits))) return null;
    const range = address.range();
    return range === 'unicast' ? null : `${ip} is a ${range} address`;
  }

  /** The host of a URL as an address, when it is one (`[::1]` → `::1`). */
  static literal(hostname: string): string | null {
    const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
    return ipaddr.isValid(bare) && (bare.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(bare)) ? bare : null;
  }

  /** Resolves a name and refuses it when any of its addresses is refused (so a rebinding name cannot slip one in). */
  async resolveOrThrow(hostname: string): Promise<LookupAddress[]> {
    const literal = AddressGuard.literal(hostname);
    const addresses = literal
      ? [{ address: literal, family: literal.includes(':') ? 6 : 4 }]
      : await new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(hostname, { all: true }, (err, found) => (err ? reject(err) : resolve(found))));
    if (addresses.length === 0) throw new UnsafeAddressError(`${hostname} does not resolve`);
    for (const a of addresses) {
      const problem = this.problem(a.address);
      if (problem) throw new UnsafeAddressError(`${hostname}: ${problem}`);
    }
    return addresses;
  }

  /**
   * A `lookup` for `http.request`: the connection goes to an address checked after resolution, the same one it
   * checked, so there is no gap between the check and the connection.
   */
  lookup(): (hostname: string, options: { all?: boolean }, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => void {
    return (hostname, options, callback) => {
      this.resolveOrThrow(hostname).then(
        (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family)),
        (err: Error) => callback(err, ''),
      );
    };
  }
}

export class UnsafeAddressError extends Error {}
