import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';
import {
	callerWithCookies,
	http,
	loginJar,
	mails,
	recordingJar,
	signUpAndConfirm,
	signUpInput,
	tokenFromMail
} from './auth-helpers';

const PASSWORD = 'ein langes Passwort';
const NEW_PASSWORD = 'ein ganz neues Passwort';

async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		if (error instanceof TRPCError) return { code: error.code, message: error.message };
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('password reset ("Passwort vergessen")', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
		await signUpAndConfirm(t, 'anna@example.org', PASSWORD);
	});
	afterEach(async () => {
		await t.close();
	});

	it('answers known and unknown addresses the same way, and mails only the known one', async () => {
		const known = await http(t, 'auth.requestPasswordReset', { email: 'anna@example.org' });
		const unknown = await http(t, 'auth.requestPasswordReset', { email: 'niemand@example.org' });
		expect(known.status).toBe(200);
		expect(unknown.status).toBe(known.status);
		expect(unknown.body).toEqual(known.body);
		expect((await mails(t, 'anna@example.org')).at(-1)?.kind).toBe('reset');
		expect(await mails(t, 'niemand@example.org')).toEqual([]);
	});

	it('sets a new password once, ends every session and logs nobody in', async () => {
		const phone = await loginJar(t, 'anna@example.org', PASSWORD);
		const laptop = await loginJar(t, 'anna@example.org', PASSWORD);
		await t.caller().auth.requestPasswordReset({ email: 'anna@example.org' });
		const token = await tokenFromMail(t, 'anna@example.org', '/passwort-neu');
		expect(await t.caller().auth.tokenStatus({ token })).toEqual({ state: 'valid', purpose: 'reset' });
		const jar = recordingJar();
		expect(await t.caller({ cookies: jar }).auth.resetPassword({ token, password: NEW_PASSWORD })).toEqual({
			ok: true
		});
		expect(jar.cookies.size).toBe(0);
		expect(await t.app.database.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
		expect(await (await callerWithCookies(t, phone.jar)).auth.me()).toBeNull();
		expect(await (await callerWithCookies(t, laptop.jar)).auth.me()).toBeNull();
		expect(
			await refusal(t.caller().auth.resetPassword({ token, password: 'noch ein anderes Passwort' }))
		).toEqual({
			code: 'BAD_REQUEST',
			message: 'tokenUsed'
		});
		expect(
			await refusal(t.caller().auth.login({ email: 'anna@example.org', password: PASSWORD }))
		).toMatchObject({
			message: 'invalidCredentials'
		});
		expect((await t.caller().auth.login({ email: 'anna@example.org', password: NEW_PASSWORD })).next).toBe(
			'done'
		);
		const audit = await t.app.database.db.selectFrom('audit_events').select('action').execute();
		expect(audit.map((a) => a.action)).toEqual(
			expect.arrayContaining(['password.resetRequest', 'password.reset'])
		);
	});

	it('lets the reset link expire after 60 minutes and retires older links once one was used', async () => {
		await t.caller().auth.requestPasswordReset({ email: 'anna@example.org' });
		const first = await tokenFromMail(t, 'anna@example.org', '/passwort-neu');
		t.clock.advance(60 * 60_000);
		expect(await refusal(t.caller().auth.resetPassword({ token: first, password: NEW_PASSWORD }))).toEqual({
			code: 'BAD_REQUEST',
			message: 'tokenExpired'
		});
		await t.caller().auth.requestPasswordReset({ email: 'anna@example.org' });
		const second = await tokenFromMail(t, 'anna@example.org', '/passwort-neu');
		await t.caller().auth.requestPasswordReset({ email: 'anna@example.org' });
		const third = await tokenFromMail(t, 'anna@example.org', '/passwort-neu');
		await t.caller().auth.resetPassword({ token: third, password: NEW_PASSWORD });
		expect(await refusal(t.caller().auth.resetPassword({ token: second, password: PASSWORD }))).toEqual({
			code: 'BAD_REQUEST',
			message: 'tokenUsed'
		});
	});

	it('limits reset requests per address and per IP with 429 and Retry-After', async () => {
		for (let i = 0; i < 3; i++)
			await t.caller({ ip: `10.0.1.${i}` }).auth.requestPasswordReset({ email: 'anna@example.org' });
		const headers = new Headers();
		expect(
			await refusal(
				t.caller({ responseHeaders: headers }).auth.requestPasswordReset({ email: 'anna@example.org' })
			)
		).toEqual({ code: 'TOO_MANY_REQUESTS', message: 'rateLimited' });
		expect(Number(headers.get('Retry-After'))).toBe(3600);
		// Unknown addresses are limited the same way (no enumeration through the limit).
		for (let i = 0; i < 3; i++)
			await t.caller({ ip: `10.0.2.${i}` }).auth.requestPasswordReset({ email: 'niemand@example.org' });
		expect((await refusal(t.caller().auth.requestPasswordReset({ email: 'niemand@example.org' }))).code).toBe(
			'TOO_MANY_REQUESTS'
		);
		for (let i = 0; i < 10; i++)
			await t.caller({ ip: '10.9.9.9' }).auth.requestPasswordReset({ email: `p${i}@example.org` });
		const overHttp = await http(
			t,
			'auth.requestPasswordReset',
			{ email: 'q@example.org' },
			{ ip: '10.9.9.9' }
		);
		expect(overHttp.status).toBe(429);
		expect(Number(overHttp.headers.get('Retry-After'))).toBeGreaterThan(0);
	});

	it('limits sign-ups and resends per IP', async () => {
		// Zod refuses a missing captcha before the limiter, so this counts only well-formed attempts.
		for (let i = 0; i < 10; i++)
			await t.caller({ ip: '10.7.7.7' }).auth.signUp(await signUpInput(t, { email: `s${i}@example.org` }));
		const headers = new Headers();
		expect(
			await refusal(
				t
					.caller({ ip: '10.7.7.7', responseHeaders: headers })
					.auth.signUp(await signUpInput(t, { email: 'z@example.org' }))
			)
		).toEqual({ code: 'TOO_MANY_REQUESTS', message: 'rateLimited' });
		expect(Number(headers.get('Retry-After'))).toBe(3600);
		const token = await tokenFromMail(t, 's0@example.org', '/konto/bestaetigen', 'neu');
		for (let i = 0; i < 3; i++) await t.caller({ ip: `10.3.3.${i}` }).auth.resendConfirmation({ token });
		expect((await refusal(t.caller({ ip: '10.3.3.9' }).auth.resendConfirmation({ token }))).code).toBe(
			'TOO_MANY_REQUESTS'
		);
	});
});

describe('the account page: change password and email', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
		await signUpAndConfirm(t, 'anna@example.org', PASSWORD);
	});
	afterEach(async () => {
		await t.close();
	});

	it('changes the password with the current one, keeps this session and ends the others', async () => {
		const here = await loginJar(t, 'anna@example.org', PASSWORD);
		const elsewhere = await loginJar(t, 'anna@example.org', PASSWORD);
		const account = (await callerWithCookies(t, here.jar)).account;
		expect(
			await refusal(account.changePassword({ currentPassword: 'falsch', newPassword: NEW_PASSWORD }))
		).toEqual({
			code: 'BAD_REQUEST',
			message: 'currentPasswordWrong'
		});
		await account.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
		expect(await (await callerWithCookies(t, here.jar)).auth.me()).not.toBeNull();
		expect(await (await callerWithCookies(t, elsewhere.jar)).auth.me()).toBeNull();
		expect((await mails(t, 'anna@example.org')).at(-1)?.kind).toBe('passwordChanged');
		expect((await t.caller().auth.login({ email: 'anna@example.org', password: NEW_PASSWORD })).next).toBe(
			'done'
		);
	});

	it('changes the address only after the link sent to the new address is opened', async () => {
		const { jar } = await loginJar(t, 'anna@example.org', PASSWORD);
		const account = (await callerWithCookies(t, jar)).account;
		expect(
			await account.requestEmailChange({ newEmail: 'Anna.Neu@example.org', password: PASSWORD })
		).toEqual({ ok: true });
		expect(await account.profile()).toMatchObject({
			email: 'anna@example.org',
			pendingEmail: 'anna.neu@example.org'
		});
		expect(
			await refusal(t.caller().auth.login({ email: 'anna.neu@example.org', password: PASSWORD }))
		).toMatchObject({
			message: 'invalidCredentials'
		});
		const token = await tokenFromMail(t, 'anna.neu@example.org', '/konto/bestaetigen');
		expect(await t.caller().auth.confirmEmail({ token })).toEqual({ outcome: 'emailChanged' });
		expect(await account.profile()).toMatchObject({ email: 'anna.neu@example.org', pendingEmail: null });
		expect((await mails(t, 'anna@example.org')).at(-1)?.kind).toBe('emailChanged');
		expect((await t.caller().auth.login({ email: 'anna.neu@example.org', password: PASSWORD })).next).toBe(
			'done'
		);
		expect(await refusal(t.caller().auth.confirmEmail({ token }))).toMatchObject({ message: 'tokenUsed' });
	});

	it('answers a change to a taken address like any other and changes nothing', async () => {
		await signUpAndConfirm(t, 'bert@example.org', PASSWORD);
		const { jar } = await loginJar(t, 'anna@example.org', PASSWORD);
		const account = (await callerWithCookies(t, jar)).account;
		expect(await account.requestEmailChange({ newEmail: 'bert@example.org', password: PASSWORD })).toEqual({
			ok: true
		});
		expect((await mails(t, 'bert@example.org')).at(-1)?.kind).toBe('alreadyRegistered');
		expect(await account.profile()).toMatchObject({ email: 'anna@example.org', pendingEmail: null });
		expect(
			await refusal(account.requestEmailChange({ newEmail: 'anna@example.org', password: PASSWORD }))
		).toMatchObject({
			message: 'sameEmail'
		});
	});
});
