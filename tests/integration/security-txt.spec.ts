// /.well-known/security.txt (RFC 9116): where to report a vulnerability, from SECURITY_CONTACT.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApp } from '../../server/app';
import { ConfigError, loadConfig } from '../../server/config';
import { GET } from '../../src/routes/.well-known/security.txt/+server';
import { createTestApp, type TestApp } from './harness';

async function fetchSecurityTxt(): Promise<Response> {
	return (GET as unknown as () => Promise<Response>)();
}

describe('/.well-known/security.txt', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
		setApp(t.app);
	});
	afterEach(async () => {
		setApp(null);
		await t.close();
	});

	it('names the contact, an expiry within a year, the languages and its canonical address', async () => {
		t.app.config.origin = 'https://kita.kreis-soest.example';
		t.app.config.securityContact = 'mailto:security@kreis-soest.example';
		const response = await fetchSecurityTxt();
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		const lines = (await response.text()).trim().split('\n');
		expect(lines).toContain('Contact: mailto:security@kreis-soest.example');
		expect(lines).toContain('Preferred-Languages: de, en');
		expect(lines).toContain('Canonical: https://kita.kreis-soest.example/.well-known/security.txt');
		const expires = lines.find((l) => l.startsWith('Expires: '))?.slice('Expires: '.length) ?? '';
		const until = new Date(expires).getTime() - Date.now();
		expect(until).toBeGreaterThan(0);
		expect(until).toBeLessThan(366 * 24 * 3600_000);
		expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
	});

	it('is not served without SECURITY_CONTACT (a file without Contact would be invalid)', async () => {
		t.app.config.securityContact = null;
		expect((await fetchSecurityTxt()).status).toBe(404);
	});

	it('takes SECURITY_CONTACT as a URI, a bare address as mailto:, and refuses anything else', () => {
		expect(loadConfig({ SECURITY_CONTACT: 'https://kreis-soest.example/security' }).securityContact).toBe(
			'https://kreis-soest.example/security'
		);
		expect(loadConfig({ SECURITY_CONTACT: 'security@kreis-soest.example' }).securityContact).toBe(
			'mailto:security@kreis-soest.example'
		);
		expect(() => loadConfig({ SECURITY_CONTACT: 'mailto:a@b.example\nContact: x' })).toThrow(ConfigError);
		expect(() => loadConfig({ SECURITY_CONTACT: 'javascript:alert(1)' })).toThrow(ConfigError);
	});
});
