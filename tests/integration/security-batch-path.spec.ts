// The batch guard (server/trpc/http.ts) must read the procedure list as tRPC does: everything after
// /api/trpc/, decoded, split at commas. Read after the LAST slash, `auth.verifyMfa,…,x/y` hid the
// secret-checking calls from the guard while tRPC ran every one of them (the last one NOT_FOUND).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { http, loginJar } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

describe('unbatchable calls hidden in the path', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('refuses a batch of second-factor codes whose path carries a slash', async () => {
		const staff = DEMO_ACCOUNTS.find((a) => a.role === 'staff');
		if (!staff) throw new Error('no demo staff');
		const { jar } = await loginJar(t, staff.email, staff.password);
		const calls = Array.from({ length: 9 }, () => 'auth.verifyMfa');
		const body = Object.fromEntries(calls.map((_, i) => [String(i), { code: '000000' }]));
		const answer = await http(t, `${calls.join(',')},x/y?batch=1`, body, { jar });
		const judged = await t.app.database.db
			.selectFrom('audit_events')
			.select('action')
			.where('action', '=', 'login.mfaFailure')
			.execute();
		expect({ status: answer.status, judged: judged.length }).toEqual({ status: 400, judged: 0 });
	});

	it('refuses a batch of logins whose path carries a slash', async () => {
		const calls = Array.from({ length: 9 }, () => 'auth.login');
		const body = Object.fromEntries(
			calls.map((_, i) => [String(i), { email: 'a@example.org', password: 'falsch-falsch' }])
		);
		const answer = await http(t, `${calls.join(',')},x/y?batch=1`, body);
		expect(answer.status).toBe(400);
		expect(JSON.stringify(answer.body)).toContain('batchNotAllowed');
	});

	it('refuses a path with a slash outright, batch or not, before any procedure runs', async () => {
		for (const path of ['auth.login/x', 'x/auth.login', 'auth.login%2Fx', 'health,x/y?batch=1']) {
			const answer = await http(t, path, { email: 'a@example.org', password: 'falsch-falsch' });
			expect(answer.status, path).toBe(400);
			expect(JSON.stringify(answer.body), path).toContain('badPath');
		}
		const failures = await t.app.database.db
			.selectFrom('audit_events')
			.select('action')
			.where('action', '=', 'login.failure')
			.execute();
		expect(failures).toEqual([]);
	});

	it('sees unbatchable calls behind encoded commas, as tRPC decodes them', async () => {
		const body = {
			0: { email: 'a@example.org', password: 'x' },
			1: { email: 'a@example.org', password: 'x' }
		};
		const answer = await http(t, 'auth.login%2Cauth.login?batch=1', body);
		expect(answer.status).toBe(400);
		expect(JSON.stringify(answer.body)).toContain('batchNotAllowed');
	});
});
