import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress, PEER_HEADER } from '@/server/client-address';
import { backoffRemaining, backoffSeconds, type BackoffPolicy } from '@/server/services/core/rate-limit';

const h = (entries: Record<string, string>) => new Headers(entries);
const ours = { peerHeaderTrusted: true };

describe('clientAddress', () => {
  it('is the socket peer, whatever X-Forwarded-For and X-Real-IP the client sends, when no proxy is trusted', () => {
    const headers = h({ [PEER_HEADER]: '203.0.113.7', 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '5.6.7.8' });
    expect(clientAddress(headers, { ...ours, trustedProxies: [] })).toBe('203.0.113.7');
  });

  it('is unknown outside the production server, where a client could have written the peer header itself', () => {
    expect(clientAddress(h({ [PEER_HEADER]: '203.0.113.7' }), { peerHeaderTrusted: false, trustedProxies: [] })).toBeNull();
    expect(clientAddress(h({ 'x-forwarded-for': '1.2.3.4' }), { ...ours, trustedProxies: [] })).toBeNull();
  });

  it('walks X-Forwarded-For from the right through trusted proxies and stops at the first untrusted hop', () => {
    const trustedProxies = ['10.0.0.0/8', '192.168.1.5'];
    // The client forged "6.6.6.6"; the edge proxy (192.168.1.5) appended the real client, the inner one (10.1.1.1) appended the edge.
    const headers = h({ [PEER_HEADER]: '10.1.1.1', 'x-forwarded-for': '6.6.6.6, 198.51.100.20, 192.168.1.5' });
    expect(clientAddress(headers, { ...ours, trustedProxies })).toBe('198.51.100.20');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    const headers = h({ [PEER_HEADER]: '198.51.100.20', 'x-forwarded-for': '10.0.0.1' });
    expect(clientAddress(headers, { ...ours, trustedProxies: ['10.0.0.0/8'] })).toBe('198.51.100.20');
  });

  it('takes the proxy itself when it names nobody (its own health check), and the last trusted writer before a malformed hop', () => {
    expect(clientAddress(h({ [PEER_HEADER]: '10.0.0.2' }), { ...ours, trustedProxies: ['10.0.0.0/8'] })).toBe('10.0.0.2');
    const headers = h({ [PEER_HEADER]: '10.0.0.2', 'x-forwarded-for': 'not-an-ip, 10.0.0.3' });
    expect(clientAddress(headers, { ...ours, trustedProxies: ['10.0.0.0/8'] })).toBe('10.0.0.3');
  });

  it('matches IPv6 ranges and reads next-auth’s plain header objects', () => {
    const headers = { [PEER_HEADER]: '::ffff:127.0.0.1', 'x-forwarded-for': '2001:db8::1, fd00::9' };
    expect(clientAddress(headers, { ...ours, trustedProxies: ['127.0.0.1', 'fd00::/8'] })).toBe('2001:db8::1');
  });
});

describe('normalizeAddress', () => {
  it('spells one address one way and refuses what is not an address', () => {
    expect(normalizeAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeAddress('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeAddress('203.0.113.7:5000')).toBe('203.0.113.7');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress(' 1.2.3.4 ')).toBe('1.2.3.4');
    for (const bad of ['', 'localhost', '1.2.3', '999.1.1.1', 'evil.example', '1.2.3.4, 5.6.7.8']) expect(normalizeAddress(bad)).toBeNull();
  });
});

describe('back-off', () => {
  const p: BackoffPolicy = { free: 5, baseSeconds: 1, capSeconds: 60, resetSeconds: 3600 };

  it('costs nothing for the free failures, then doubles up to the cap', () => {
    expect([0, 4, 5, 6, 7, 10, 11, 40].map((n) => backoffSeconds(n, p))).toEqual([0, 0, 1, 2, 4, 32, 60, 60]);
  });

  it('counts the wait from the last failure and forgets failures after the reset time', () => {
    expect(backoffRemaining(7, 1, p)).toBe(3);
    expect(backoffRemaining(7, 10, p)).toBe(0);
    expect(backoffRemaining(40, 3599, p)).toBe(0);
    expect(backoffRemaining(40, 30, p)).toBe(30);
    expect(backoffRemaining(40, null, p)).toBe(0);
    // A failure recorded a moment "after" this attempt's clock reading does not hold back a key that owes no wait.
    expect(backoffRemaining(3, -0.5, p)).toBe(0);
  });
});
