/**
 * Webhook targets (issue 14, point 12, server-side request forgery): which
 * addresses a webhook is never sent to, however the URL spells them, and the
 * check after DNS resolution with an injected resolver.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkedAddresses, classifyAddress, hostOf, pinnedLookup, type Resolver } from '@/server/services/intake/webhook-address';
import { checkWebhookUrl } from '@/server/services/intake/webhooks';

afterEach(() => vi.unstubAllEnvs());

/** What the URL parser makes of a spelling, then its class. */
const classOfUrl = (raw: string) => classifyAddress(hostOf(new URL(raw)));

describe('the address classifier', () => {
  const table: [string, string | null][] = [
    // loopback, however written (the WHATWG parser normalises IPv4 spellings)
    ['http://127.0.0.1/', 'loopback'],
    ['http://127.255.1.2/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[64:ff9b::127.0.0.1]/', 'loopback'],
    ['http://[2002:7f00:1::]/', 'loopback'],
    // this network
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://0.1.2.3/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    // private networks
    ['http://10.0.0.1/', 'private'],
    ['http://10.255.255.255/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.254/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://0xc0a80001/', 'private'],
    ['http://[::ffff:10.1.2.3]/', 'private'],
    ['http://[::ffff:c0a8:101]/', 'private'],
    ['http://[fec0::1]/', 'private'],
    // link-local, the metadata service included
    ['http://169.254.169.254/latest/meta-data/', 'link_local'],
    ['http://169.254.0.1/', 'link_local'],
    ['http://2852039166/', 'link_local'],
    ['http://[::ffff:169.254.169.254]/', 'link_local'],
    ['http://[fe80::1]/', 'link_local'],
    ['http://[febf::1]/', 'link_local'],
    // carrier-grade NAT
    ['http://100.64.0.1/', 'cgnat'],
    ['http://100.127.255.255/', 'cgnat'],
    // IPv6 unique local
    ['http://[fc00::1]/', 'unique_local'],
    ['http://[fd12:3456:789a::1]/', 'unique_local'],
    // multicast and broadcast
    ['http://224.0.0.1/', 'multicast'],
    ['http://239.255.255.250/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    // reserved and documentation blocks
    ['http://240.0.0.1/', 'reserved'],
    ['http://192.0.2.10/', 'reserved'],
    ['http://198.18.0.1/', 'reserved'],
    ['http://[2001:db8::1]/', 'reserved'],
    ['http://[::127.0.0.1]/', 'reserved'],
    // public, including the neighbours of every private block
    ['https://93.184.216.34/', null],
    ['https://8.8.8.8/', null],
    ['https://11.0.0.1/', null],
    ['https://172.15.255.255/', null],
    ['https://172.32.0.1/', null],
    ['https://192.169.0.1/', null],
    ['https://100.63.255.255/', null],
    ['https://100.128.0.1/', null],
    ['https://169.255.0.1/', null],
    ['https://223.255.255.255/', null],
    ['https://[2606:4700:4700::1111]/', null],
    ['https://[::ffff:8.8.8.8]/', null],
    ['https://[64:ff9b::808:808]/', null],
  ];
  it.each(table)('%s → %s', (raw, expected) => {
    expect(classOfUrl(raw)).toBe(expected);
  });

  it('classifies what a resolver answers, IPv6 with a zone included', () => {
    expect(classifyAddress('fe80::1%eth0')).toBe('link_local');
    expect(classifyAddress('::ffff:169.254.169.254')).toBe('link_local');
    expect(classifyAddress('not an address')).toBe('reserved');
  });
});

describe('checkWebhookUrl: registration and delivery refuse non-public targets with PRIVATE_ADDRESS', () => {
  const never: Resolver = async () => {
    throw new Error('no lookup expected');
  };
  const answers =
    (map: Record<string, string[]>): Resolver =>
    async (host) => {
      const list = map[host];
      if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };

  it.each([
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://0x7f.1/hook', 'loopback'],
    ['https://2130706433/hook', 'loopback'],
    ['https://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['https://localhost/hook', 'loopback'],
    ['https://api.localhost./hook', 'loopback'],
    ['https://10.1.2.3/hook', 'private'],
    ['https://172.16.5.4/hook', 'private'],
    ['https://192.168.0.10/hook', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'link_local'],
    ['https://100.64.1.1/hook', 'cgnat'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://224.0.0.251/hook', 'multicast'],
    ['https://[::1]/hook', 'loopback'],
    ['https://[fd00::1]/hook', 'unique_local'],
    ['https://[fe80::1]/hook', 'link_local'],
    ['http://127.0.0.1:8080/hook', 'loopback'],
  ])('%s is refused (%s)', async (raw, addressClass) => {
    await expect(checkWebhookUrl(raw, never)).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS', details: { addressClass } });
  });

  it('a public-looking name is refused when any of its addresses is private, and allowed when all are public', async () => {
    const resolve = answers({
      'hooks.example.com': ['93.184.216.34'],
      'rebind.example.com': ['127.0.0.1'],
      'mixed.example.com': ['93.184.216.34', '10.0.0.7'],
      'v6.example.com': ['2606:4700:4700::1111', '::ffff:169.254.169.254'],
    });
    expect((await checkWebhookUrl('https://hooks.example.com/h', resolve)).addresses).toEqual([{ address: '93.184.216.34', family: 4 }]);
    await expect(checkWebhookUrl('https://rebind.example.com/h', resolve)).rejects.toMatchObject({
      code: 'PRIVATE_ADDRESS',
      details: { address: '127.0.0.1', addressClass: 'loopback' },
    });
    await expect(checkWebhookUrl('https://mixed.example.com/h', resolve)).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS', details: { address: '10.0.0.7' } });
    await expect(checkWebhookUrl('https://v6.example.com/h', resolve)).rejects.toMatchObject({
      code: 'PRIVATE_ADDRESS',
      details: { addressClass: 'link_local' },
    });
    await expect(checkWebhookUrl('https://nowhere.example.com/h', resolve)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('plain http: only with WEBHOOK_ALLOW_HTTP, or to loopback with WEBHOOK_ALLOW_PRIVATE', async () => {
    const resolve = answers({ 'hooks.example.com': ['93.184.216.34'] });
    await expect(checkWebhookUrl('http://hooks.example.com/h', resolve)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(checkWebhookUrl('http://127.0.0.1:9/h', never)).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS' });
    vi.stubEnv('WEBHOOK_ALLOW_PRIVATE', 'true');
    expect((await checkWebhookUrl('http://127.0.0.1:9/h', never)).addresses).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect((await checkWebhookUrl('https://192.168.1.20/h', never)).url.host).toBe('192.168.1.20');
    await expect(checkWebhookUrl('http://192.168.1.20/h', never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    vi.stubEnv('WEBHOOK_ALLOW_PRIVATE', 'false');
    vi.stubEnv('WEBHOOK_ALLOW_HTTP', 'true');
    expect((await checkWebhookUrl('http://hooks.example.com/h', resolve)).url.protocol).toBe('http:');
    await expect(checkWebhookUrl('http://192.168.1.20/h', never)).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS' });
  });

  it('connects only to the checked addresses', async () => {
    const checked = await checkedAddresses(new URL('https://hooks.example.com/'), async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
    const lookup = pinnedLookup(checked);
    const one = await new Promise((r) => lookup('hooks.example.com', { family: 6 }, (err, address, family) => r({ err, address, family })));
    expect(one).toEqual({ err: null, address: '2606:4700:4700::1111', family: 6 });
    const all = await new Promise((r) => lookup('hooks.example.com', { all: true }, (err, address) => r({ err, address })));
    expect(all).toEqual({ err: null, address: checked });
  });
});
