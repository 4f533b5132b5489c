import { describe, expect, it } from 'vitest';
import { limitedAddress, limitKey } from './rate-limit';

describe('limitedAddress', () => {
	it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
		expect(limitedAddress('2001:db8:1234:5678:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1234:5678::/64');
		expect(limitedAddress('2001:db8:1234:5678::1')).toBe('2001:db8:1234:5678::/64');
		expect(limitedAddress('2001:DB8:0:0:1::2')).toBe('2001:db8:0:0::/64');
		expect(limitedAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
		expect(limitedAddress('::1')).toBe('0:0:0:0::/64');
		expect(limitedAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
		expect(limitedAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
		expect(limitedAddress('192.0.2.7')).toBe('192.0.2.7');
		expect(limitedAddress('')).toBe('');
	});

	it('gives every address of one /64 the same key, and another /64 another', () => {
		const key = (ip: string) => limitKey('login', 'ip', ip);
		expect(key('2001:db8:1:2::1')).toBe(key('2001:db8:1:2:ffff::9'));
		expect(key('2001:db8:1:3::1')).not.toBe(key('2001:db8:1:2::1'));
		expect(key('::ffff:192.0.2.7')).toBe(key('192.0.2.7'));
		// Addresses (e-mail) are never rewritten.
		expect(limitKey('signup', 'addr', 'a@b.de')).not.toBe(limitKey('signup', 'addr', 'a@b.de '));
	});
});
