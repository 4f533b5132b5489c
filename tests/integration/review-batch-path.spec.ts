// Review: refuseBatch (server/trpc/http.ts) reads the procedure list from the URL path after its
// LAST slash, while tRPC takes everything after /api/trpc/ and splits it at commas. A slash inside
// the list — `auth.verifyMfa,auth.verifyMfa,x/y` — hides the secret-checking calls from the guard,
// and tRPC runs every one of them (the last one is simply NOT_FOUND).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { http, loginJar } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

describe('review: unbatchable calls hidden behind a slash', () => {
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
});
