// The development mailbox shows every mail, set-password and reset links included: it must exist
// only in demo mode and answer only the machine itself (loopback, not through a proxy).
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { ConfigError, loadConfig } from '../../server/config';
import { createTestApp, type TestApp } from './harness';
import { http, signUpInput } from './auth-helpers';

async function refusal(call: Promise<unknown>): Promise<string | undefined> {
	const error = await call.then(
		() => undefined,
		(e: unknown) => e
	);
	return error instanceof TRPCError ? error.code : undefined;
}

describe('dev.mailbox', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
		await t.caller().auth.signUp(await signUpInput(t, { email: 'anna@example.org' }));
	});
	afterEach(async () => {
		await t.close();
	});

	it('answers the loopback interface in demo mode (IPv4, IPv6, IPv4-mapped)', async () => {
		for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
			const mails = await t.caller({ ip }).dev.mailbox();
			expect(
				mails.map((m) => m.to),
				ip
			).toContain('anna@example.org');
		}
	});

	it('refuses a caller that is not on the loopback interface', async () => {
		for (const ip of ['203.0.113.7', '10.0.0.5', '::ffff:192.168.1.2', '2001:db8::1', ''])
			expect(await refusal(t.caller({ ip }).dev.mailbox()), ip).toBe('NOT_FOUND');
	});

	it('refuses a loopback connection that carries forwarding headers (a proxy on the same host)', async () => {
		const local = await http(t, 'dev.mailbox', undefined, { method: 'GET', ip: '127.0.0.1' });
		expect(local.status).toBe(200);
		const proxyHeaders: Record<string, string>[] = [
			{ 'x-forwarded-for': '127.0.0.1' },
			{ forwarded: 'for=127.0.0.1' },
			{ 'x-real-ip': '127.0.0.1' }
		];
		for (const headers of proxyHeaders) {
			const proxied = await http(t, 'dev.mailbox', undefined, { method: 'GET', ip: '127.0.0.1', headers });
			expect(proxied.status, JSON.stringify(headers)).toBe(404);
			expect(JSON.stringify(proxied.body)).not.toContain('anna@example.org');
		}
	});

	it('refuses every caller when demo data is off', async () => {
		t.app.config.demoData = false;
		expect(await refusal(t.caller({ ip: '127.0.0.1' }).dev.mailbox())).toBe('NOT_FOUND');
	});
});

describe('demo data and production', () => {
	it('refuses NODE_ENV=production with DEMO_DATA=on, with a clear message', () => {
		expect(() => loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'on' })).toThrow(ConfigError);
		expect(() => loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'on' })).toThrow(/DEMO_DATA/);
	});

	it('has demo data off by default in production and on by default otherwise', () => {
		expect(loadConfig({ NODE_ENV: 'production', TOTP_ENCRYPTION_KEY: 'ab'.repeat(32) }).demoData).toBe(false);
		expect(loadConfig({}).demoData).toBe(true);
	});

	it('refuses to create the app from a production config with demo data', async () => {
		const config = { ...loadConfig({}), production: true, demoData: true, databasePath: ':memory:' };
		await expect(createApp(config)).rejects.toThrow(ConfigError);
	});
});
