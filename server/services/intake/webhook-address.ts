/**
 * Where a webhook may be sent (server-side request forgery). An admin names a
 * URL and the console POSTs to it from inside the office network: a URL that
 * names or resolves to loopback, a private network, link-local (the cloud
 * metadata service at 169.254.169.254) and the like would let that admin, or
 * whoever controls the receiver's DNS, reach machines no outsider can.
 *
 * The address is checked at registration and again at every delivery, after
 * DNS resolution: every address a name resolves to must be public, and the
 * connection goes to an address that was checked (not to a second lookup a
 * rebinding DNS server could answer differently). `WEBHOOK_ALLOW_PRIVATE=true`
 * lifts the address rule, for development with a receiver on this machine.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { env } from '@/lib/env';
import { DomainError } from '../core/errors';

/** Kinds of address a webhook is never sent to (unless WEBHOOK_ALLOW_PRIVATE=true); null is a public address. */
export type AddressClass = 'unspecified' | 'loopback' | 'private' | 'link_local' | 'cgnat' | 'unique_local' | 'multicast' | 'broadcast' | 'reserved';

type V4Range = [base: number, bits: number, kind: AddressClass];

const v4 = (dotted: string) => dotted.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** IANA special-purpose IPv4 blocks that are not globally reachable. */
const V4_RANGES: V4Range[] = [
  [v4('0.0.0.0'), 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the local host on Linux
  [v4('10.0.0.0'), 8, 'private'],
  [v4('100.64.0.0'), 10, 'cgnat'],
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link_local'], // incl. the metadata service 169.254.169.254
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.0.0.0'), 24, 'reserved'],
  [v4('192.0.2.0'), 24, 'reserved'],
  [v4('192.88.99.0'), 24, 'reserved'],
  [v4('192.168.0.0'), 16, 'private'],
  [v4('198.18.0.0'), 15, 'reserved'],
  [v4('198.51.100.0'), 24, 'reserved'],
  [v4('203.0.113.0'), 24, 'reserved'],
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('255.255.255.255'), 32, 'broadcast'],
  [v4('240.0.0.0'), 4, 'reserved'],
];

function classifyV4(n: number): AddressClass | null {
  for (const [base, bits, kind] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    if (n >= base && n < base + size) return kind;
  }
  return null;
}

/** Eight 16-bit groups of an IPv6 address (a dotted IPv4 tail becomes the last two), or null. */
function v6Groups(ip: string): number[] | null {
  let s = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    if (isIP(dotted[2]) !== 4) return null;
    const n = v4(dotted[2]);
    s = `${dotted[1]}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const part = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : Number.NaN)));
  const head = part(halves[0]);
  const rest = halves.length === 2 ? part(halves[1]) : [];
  if (halves.length === 2 && head.length + rest.length > 7) return null;
  const groups = halves.length === 2 ? [...head, ...Array<number>(8 - head.length - rest.length).fill(0), ...rest] : head;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null;
}

function classifyV6(g: number[]): AddressClass | null {
  const v4Tail = g[6] * 65536 + g[7];
  const zeroHead = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (zeroHead(8)) return 'unspecified';
  if (zeroHead(7) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d): the IPv4 address decides.
  if (zeroHead(5) && g[5] === 0xffff) return classifyV4(v4Tail);
  if (zeroHead(4) && g[4] === 0xffff && g[5] === 0) return classifyV4(v4Tail);
  // NAT64 (64:ff9b::/96) reaches the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(v4Tail);
  // Deprecated IPv4-compatible ::a.b.c.d and the rest of ::/8.
  if (g[0] === 0 && g[1] === 0) return 'reserved';
  if (g[0] === 0x100 && g.slice(1, 4).every((x) => x === 0)) return 'reserved'; // discard-only 100::/64
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique_local'; // fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return 'link_local'; // fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local fec0::/10
  if ((g[0] & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'reserved'; // documentation
  // 6to4 (2002::/16) carries an IPv4 address in bits 16–47.
  if (g[0] === 0x2002) return classifyV4(g[1] * 65536 + g[2]);
  return null;
}

/** The class of an IP address written as Node and the WHATWG URL parser write them; 'reserved' when it cannot be read. */
export function classifyAddress(ip: string): AddressClass | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const family = isIP(bare);
  if (family === 4) return classifyV4(v4(bare));
  if (family === 6) {
    const groups = v6Groups(bare);
    return groups ? classifyV6(groups) : 'reserved';
  }
  return 'reserved';
}

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** All addresses of a host name (tests inject their own; production asks the system resolver). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** Read at call time: tests and operators change it without a restart of the module. */
export const allowPrivateAddresses = () => env.WEBHOOK_ALLOW_PRIVATE;

/** The URL's host as a connect target: IPv6 without brackets. */
export const hostOf = (url: URL) => (url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname);

/** Names that are this machine whatever DNS says (RFC 6761: *.localhost). */
export const isLocalhostName = (host: string) => {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
};

function refuse(host: string, address: string, kind: AddressClass): never {
  const shown = address === host ? address : `${host} (${address})`;
  throw new DomainError('PRIVATE_ADDRESS', `Webhooks are not sent to ${kind.replace('_', '-')} addresses: ${shown}`, { host, address, addressClass: kind });
}

/**
 * Resolves the URL's host and checks every address. Returns the checked
 * addresses (the delivery connects to the first); throws PRIVATE_ADDRESS for a
 * non-public one unless private addresses are allowed, INVALID_INPUT when the
 * name does not resolve.
 */
export async function checkedAddresses(url: URL, resolve: Resolver = systemResolver): Promise<ResolvedAddress[]> {
  const host = hostOf(url);
  const allowPrivate = allowPrivateAddresses();
  const literal = isIP(host);
  if (literal) {
    const kind = classifyAddress(host);
    if (kind && !allowPrivate) refuse(host, host, kind);
    return [{ address: host, family: literal === 6 ? 6 : 4 }];
  }
  if (isLocalhostName(host) && !allowPrivate) refuse(host, host, 'loopback');
  let found: ResolvedAddress[];
  try {
    found = await resolve(host);
  } catch (e) {
    throw new DomainError('INVALID_INPUT', `The host ${host} could not be resolved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { host });
  }
  if (!found.length) throw new DomainError('INVALID_INPUT', `The host ${host} has no address`, { host });
  for (const a of found) {
    const kind = classifyAddress(a.address);
    if (kind && !allowPrivate) refuse(host, a.address, kind);
  }
  return found;
}

/**
 * A `lookup` for node:http(s) that answers with addresses already checked:
 * the socket connects to exactly those, so a DNS answer that changes between
 * the check and the connection (rebinding) is never used.
 */
export function pinnedLookup(addresses: ResolvedAddress[]) {
  return (
    _hostname: string,
    options: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (!wanted.length) {
      callback(Object.assign(new Error('no checked address of the requested family'), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    if (options.all)
      callback(
        null,
        wanted.map((a) => ({ address: a.address, family: a.family })),
      );
    else callback(null, wanted[0].address, wanted[0].family);
  };
}
