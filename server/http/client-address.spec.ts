import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy } from './client-address';

describe('parseTrustProxy (TRUST_PROXY)', () => {
	it('is null (no proxy trusted) when unset or empty', () => {
		expect(parseTrustProxy(undefined)).toBeNull();
		expect(parseTrustProxy('')).toBeNull();
		expect(parseTrustProxy(' , ')).toBeNull();
	});

	it('takes addresses, CIDR ranges and "loopback", comma-separated', () => {
		expect(parseTrustProxy(' loopback, 10.0.0.0/8 ,192.0.2.7, 2001:db8::/32, ::1 ')?.entries).toEqual([
			'loopback',
			'10.0.0.0/8',
			'192.0.2.7',
			'2001:db8::/32',
			'::1'
		]);
	});

	it('refuses what is neither (a host name, a bad prefix, a typo) instead of trusting nobody silently', () => {
		for (const bad of ['proxy.example.org', '10.0.0.0/33', '2001:db8::/129', '10.0.0/8', 'loopbak', '*'])
			expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
	});
});

describe('clientAddress', () => {
	const loopbackProxy = parseTrustProxy('loopback');
	const twoProxies = parseTrustProxy('10.0.0.0/8, 192.0.2.7');

	it('is the socket address without TRUST_PROXY, whatever X-Forwarded-For says', () => {
		expect(clientAddress(null, '203.0.113.9', '127.0.0.1')).toBe('203.0.113.9');
		expect(clientAddress(null, '127.0.0.1', '198.51.100.1')).toBe('127.0.0.1');
	});

	it('is the socket address when the peer is not a trusted proxy (a spoofed header changes nothing)', () => {
		expect(clientAddress(loopbackProxy, '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
		expect(clientAddress(twoProxies, '10.0.0.1'.replace('10.', '11.'), '198.51.100.1')).toBe('11.0.0.1');
	});

	it('from a trusted proxy: the rightmost hop that is not a trusted proxy', () => {
		expect(clientAddress(loopbackProxy, '127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
		expect(clientAddress(loopbackProxy, '::1', '2001:db8::5')).toBe('2001:db8::5');
		expect(clientAddress(loopbackProxy, '::ffff:127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
		// The client wrote "6.6.6.6" itself; the proxy appended the address it saw.
		expect(clientAddress(loopbackProxy, '127.0.0.1', '6.6.6.6, 198.51.100.1')).toBe('198.51.100.1');
		// A chain of trusted proxies (a load balancer in front of the local one) is walked through.
		expect(clientAddress(twoProxies, '10.1.2.3', '6.6.6.6, 198.51.100.1, 192.0.2.7, 10.9.9.9')).toBe(
			'198.51.100.1'
		);
	});

	it('from a trusted proxy without the header, or with only trusted hops: the nearest address known', () => {
		expect(clientAddress(loopbackProxy, '127.0.0.1', null)).toBe('127.0.0.1');
		expect(clientAddress(loopbackProxy, '127.0.0.1', '')).toBe('127.0.0.1');
		expect(clientAddress(twoProxies, '10.1.2.3', '10.0.0.9, 192.0.2.7')).toBe('10.0.0.9');
	});

	it('stops at a hop that is no address: it takes the last hop a trusted proxy vouched for', () => {
		expect(clientAddress(loopbackProxy, '127.0.0.1', 'unknown')).toBe('127.0.0.1');
		expect(clientAddress(twoProxies, '10.1.2.3', '198.51.100.1, garbage, 192.0.2.7')).toBe('192.0.2.7');
	});

	it('asks the same peer twice and answers alike (the lane remembers the last peer)', () => {
		expect(clientAddress(loopbackProxy, '127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
		expect(clientAddress(loopbackProxy, '127.0.0.1', '198.51.100.2')).toBe('198.51.100.2');
		expect(clientAddress(loopbackProxy, '203.0.113.9', '198.51.100.2')).toBe('203.0.113.9');
		expect(clientAddress(loopbackProxy, '127.0.0.1', '198.51.100.3')).toBe('198.51.100.3');
	});

	it('answers alike after more distinct addresses than it keeps answers for', () => {
		const proxies = parseTrustProxy('10.0.0.0/8');
		for (let i = 0; i < 5000; i++) {
			const hop = `198.51.${i >> 8}.${i & 255}`;
			expect(clientAddress(proxies, '10.0.0.1', `${hop}, 10.0.0.2`)).toBe(hop);
		}
		expect(clientAddress(proxies, '10.0.0.1', '10.0.0.3')).toBe('10.0.0.3');
		expect(clientAddress(proxies, '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
	});
});
