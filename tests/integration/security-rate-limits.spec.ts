// Every limit holds under concurrency and batching: attempts fired at once, or packed into one HTTP
// batch, are judged at most as often as the limit allows (security issue, point 4).
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { LIMITS } from '../../server/services/rate-limit';
import { CLAIM_LIMITS } from '../../server/trpc/routers/family';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { MAX_BATCH_ITEMS } from '../../src/lib/trpc-batching';
import { callerWithCookies, http, loginJar, mails, signUpInput, solveCaptcha } from './auth-helpers';
import { createUserWithSession } from './fixtures';
import { createTestApp, type TestApp } from './harness';

/** The answer's message (a code), or 'ok'. */
async function outcome(call: Promise<unknown>): Promise<string> {
	try {
		await call;
		return 'ok';
	} catch (error) {
		if (error instanceof TRPCError) return error.message;
		throw error;
	}
}

function tally(answers: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const a of answers) counts[a] = (counts[a] ?? 0) + 1;
	return counts;
}

function demo(role: 'staff' | 'parent') {
	const account = DEMO_ACCOUNTS.find((a) => a.role === role);
	if (!account) throw new Error(`no demo ${role}`);
	return account;
}

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('rate limits under concurrency', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('judges at most 5 of 12 concurrent wrong logins of one account', async () => {
		const { email } = demo('parent');
		const answers = await Promise.all(
			times(12, (i) =>
				outcome(t.caller({ ip: `10.0.0.${i}` }).auth.login({ email, password: `falsch-${i}-falsch` }))
			)
		);
		const counts = tally(answers);
		expect(counts.invalidCredentials).toBeLessThanOrEqual(LIMITS.loginAccount.max);
		expect(counts.rateLimited).toBeGreaterThanOrEqual(12 - LIMITS.loginAccount.max);
	});

	it('judges at most 30 of 40 concurrent wrong logins from one address, across accounts', async () => {
		const answers = await Promise.all(
			times(40, (i) =>
				outcome(t.caller().auth.login({ email: `x${i}@example.org`, password: 'falsch-falsch' }))
			)
		);
		expect(tally(answers).invalidCredentials).toBeLessThanOrEqual(LIMITS.loginIp.max);
	});

	it('still lets the right password in after a few wrong ones, and counts successes not as failures', async () => {
		const { email, password } = demo('parent');
		for (let i = 0; i < LIMITS.loginAccount.max - 1; i++)
			expect(await outcome(t.caller().auth.login({ email, password: 'falsch-falsch' }))).toBe(
				'invalidCredentials'
			);
		expect(await outcome(t.caller().auth.login({ email, password }))).toBe('ok');
		// Logins that succeed do not fill the address's budget of failures.
		for (let i = 0; i < LIMITS.loginIp.max + 2; i++)
			expect(await outcome(t.caller().auth.login({ email, password }))).toBe('ok');
	});

	it('judges at most 5 of 40 concurrent second-factor codes', async () => {
		const { email, password } = demo('staff');
		const { jar } = await loginJar(t, email, password);
		const caller = await callerWithCookies(t, jar);
		const answers = await Promise.all(times(40, () => outcome(caller.auth.verifyMfa({ code: '000000' }))));
		const counts = tally(answers);
		expect(counts.mfaCodeInvalid).toBeLessThanOrEqual(LIMITS.mfaAccount.max);
		expect(counts.rateLimited).toBeGreaterThanOrEqual(40 - LIMITS.mfaAccount.max);
	});

	it('judges at most 10 of 60 concurrent claims of one account', async () => {
		const parent = await createUserWithSession(t.app.database.db, t.clock.now(), 'parent');
		const caller = t.caller({ session: parent });
		const answers = await Promise.all(
			times(60, () => outcome(caller.family.claim({ code: 'AAAA-BBBB-CCCC', birthDate: '2023-09-09' })))
		);
		const counts = tally(answers);
		expect(counts.claimInvalid).toBeLessThanOrEqual(CLAIM_LIMITS.account.max);
		expect(counts.rateLimited).toBeGreaterThanOrEqual(60 - CLAIM_LIMITS.account.max);
	});

	it('sends at most 3 reset mails for 20 concurrent requests for one address', async () => {
		const { email } = demo('parent');
		await Promise.all(
			times(20, (i) => outcome(t.caller({ ip: `10.0.1.${i}` }).auth.requestPasswordReset({ email })))
		);
		const sent = (await mails(t, email)).filter((m) => m.kind === 'reset');
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.length).toBeLessThanOrEqual(LIMITS.resetAddress.max);
	});

	it('judges at most 3 of 20 concurrent sign-ups for one address', async () => {
		const input = await signUpInput(t, { captcha: 'kein-captcha' });
		const answers = await Promise.all(
			times(20, (i) => outcome(t.caller({ ip: `10.0.2.${i}` }).auth.signUp(input)))
		);
		const counts = tally(answers);
		expect(counts.captchaInvalid).toBeLessThanOrEqual(LIMITS.signUpAddress.max);
		expect(counts.rateLimited).toBeGreaterThanOrEqual(20 - LIMITS.signUpAddress.max);
	});

	it('accepts a solved captcha once, also when it is sent five times at once', async () => {
		const captcha = await solveCaptcha(t);
		const answers = await Promise.all(
			times(5, (i) =>
				outcome(
					t
						.caller({ ip: `10.0.3.${i}` })
						.auth.signUp({ ...signUpBase, email: `anna${i}@example.org`, captcha })
				)
			)
		);
		expect(tally(answers)).toEqual({ ok: 1, captchaUsed: 4 });
	});
});

const signUpBase = {
	firstName: 'Anna',
	lastName: 'Beispiel',
	street: 'Marktstraße 5',
	postcode: '59457',
	town: 'Werl',
	phone: '',
	password: 'ein langes Passwort',
	privacyConsent: true as const,
	locale: 'de' as const
};

describe('batches over HTTP', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	/** `{"0": input, "1": input, …}`, the body of a tRPC batch. */
	const batchBody = (n: number, input: unknown) => Object.fromEntries(times(n, (i) => [String(i), input]));

	it('refuses a batch of 40 second-factor codes without judging any', async () => {
		const { email, password } = demo('staff');
		const { jar } = await loginJar(t, email, password);
		const path = `${times(40, () => 'auth.verifyMfa').join(',')}?batch=1`;
		const answer = await http(t, path, batchBody(40, { code: '000000' }), { jar });
		expect(answer.status).toBe(400);
		expect(JSON.stringify(answer.body)).toContain('batchNotAllowed');
		const failures = await t.app.database.db
			.selectFrom('audit_events')
			.select('action')
			.where('action', '=', 'login.mfaFailure')
			.execute();
		expect(failures).toHaveLength(0);
	});

	it.each([
		['auth.login', { email: 'a@example.org', password: 'falsch-falsch' }],
		['family.claim', { code: 'AAAA-BBBB-CCCC', birthDate: '2023-09-09' }],
		['auth.requestPasswordReset', { email: 'eltern@demo.kita-portal.invalid' }],
		['auth.signUp', { ...signUpBase, email: 'b@example.org', captcha: 'x' }],
		['account.changePassword', { currentPassword: 'falsch-falsch', newPassword: 'ein neues Passwort' }],
		['privacy.deleteAccount', { password: 'falsch-falsch' }],
		[
			'adminAccounts.invite',
			{ email: 'c@example.org', firstName: 'C', lastName: 'D', role: 'admin', facilityIds: [] }
		]
	])('refuses any batch that contains %s, even with one other call', async (procedure, input) => {
		const answer = await http(t, `feedback.submit,${procedure}?batch=1`, { 0: {}, 1: input });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual([
			expect.objectContaining({ error: expect.objectContaining({ message: 'batchNotAllowed' }) }),
			expect.objectContaining({ error: expect.objectContaining({ message: 'batchNotAllowed' }) })
		]);
	});

	it(`caps other batches at ${MAX_BATCH_ITEMS} calls`, async () => {
		const pull = { clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null };
		const query = (n: number) =>
			http(t, `${times(n, () => 'sync.pull').join(',')}?batch=1`, batchBody(n, pull), { method: 'GET' });
		expect((await query(MAX_BATCH_ITEMS)).status).toBe(200);
		const tooMany = await query(MAX_BATCH_ITEMS + 1);
		expect(tooMany.status).toBe(400);
	});
});
