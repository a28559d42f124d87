/**
 * The one place a client's network address is decided, for every limit keyed
 * by it (status-page look-ups, sign-in back-off). Nothing the client sends is
 * believed unless it came through a proxy we were told to trust:
 *
 * - The production server (scripts/serve.ts) writes the socket's peer address
 *   into `x-layanan-peer` on every request, after deleting any such header
 *   the client sent. Route handlers and server actions cannot see the socket
 *   themselves, and Next fills `X-Forwarded-For` only when the client did not
 *   send one, so that header alone is whatever the client chose.
 * - If the peer is one of `TRUSTED_PROXIES` (addresses or CIDR ranges), the
 *   `X-Forwarded-For` chain is walked from the right, skipping trusted
 *   proxies; the first untrusted hop is the client. Entries left of it were
 *   written by the client and are ignored.
 * - Otherwise the peer is the client.
 *
 * Outside that server (`next dev`, a bare `next start`) there is no peer
 * header we can tell from a forged one, so the address is unknown (null) and
 * limits keyed by it fall back to their per-account/per-ticket parts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { env } from '@/lib/env';

export const PEER_HEADER = 'x-layanan-peer';

const PEER_MARK = Symbol.for('layanan.peer-header-set-by-server');

/** Called once by scripts/serve.ts: from now on `x-layanan-peer` is the server's, never the client's. */
export function markPeerHeaderTrusted(): void {
  (globalThis as Record<symbol, unknown>)[PEER_MARK] = true;
}

const peerHeaderTrusted = () => (globalThis as Record<symbol, unknown>)[PEER_MARK] === true;

type HeaderSource = Headers | { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | null {
  if (typeof (h as Headers).get === 'function') return (h as Headers).get(name);
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}

/**
 * An address in one canonical spelling, or null when it is not one:
 * `[::1]` and `::1` are the same, an IPv4-mapped IPv6 address
 * (`::ffff:10.0.0.1`, what a dual-stack socket reports) is its IPv4 form, a
 * zone (`fe80::1%eth0`) and a port (`1.2.3.4:5678`, `[::1]:80`) are dropped.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1];
  const family = isIP(a);
  if (family === 0) return null;
  return family === 6 ? a.toLowerCase() : a;
}

let cachedList: { key: string; list: BlockList } | null = null;

/** The trusted proxies as a BlockList (addresses and ranges, IPv4 and IPv6). */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const key = entries.join(',');
  if (cachedList?.key === key) return cachedList.list;
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, prefix] = entry.split('/');
    const a = normalizeAddress(addr);
    if (!a) continue; // lib/env.ts has already refused malformed entries
    const family = isIP(a) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(a, family);
    else list.addSubnet(a, Number(prefix), family);
  }
  cachedList = { key, list };
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

export type ClientAddressOptions = {
  /** Defaults to TRUSTED_PROXIES. */
  trustedProxies?: readonly string[];
  /** Defaults to whether scripts/serve.ts is the server (tests say it explicitly). */
  peerHeaderTrusted?: boolean;
};

/** The client's address as far as it can be known without believing the client; null when unknown. */
export function clientAddress(headers: HeaderSource, opts: ClientAddressOptions = {}): string | null {
  if (!(opts.peerHeaderTrusted ?? peerHeaderTrusted())) return null;
  const peer = normalizeAddress(header(headers, PEER_HEADER));
  if (!peer) return null;
  const trusted = trustedProxyList(opts.trustedProxies ?? env.TRUSTED_PROXIES);
  if (!isTrusted(trusted, peer)) return peer;
  // Each proxy appends the address it was connected from: read right to left
  // while the writer is one we trust.
  const chain = (header(headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let last = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(chain[i]);
    // A malformed hop: nothing left of it can be attributed; the last trusted writer is the best we know.
    if (!hop) return last;
    if (!isTrusted(trusted, hop)) return hop;
    last = hop;
  }
  // Every hop is a trusted proxy (a health check from the proxy itself): the leftmost one.
  return last;
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Wraps the production server's request handler (scripts/serve.ts) so that
 * `x-layanan-peer` is always the socket's peer address and never the client's.
 */
export function withPeerHeader(handler: NodeHandler): NodeHandler {
  markPeerHeaderTrusted();
  return (req, res) => {
    // Node lower-cases header names, so this removes every spelling the client may have sent.
    delete req.headers[PEER_HEADER];
    const peer = req.socket.remoteAddress;
    if (peer) req.headers[PEER_HEADER] = peer;
    return handler(req, res);
  };
}
