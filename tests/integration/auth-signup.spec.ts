import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/session';
import { createTestApp, type TestApp } from './harness';
import { mails, signUpInput, solveCaptcha, tokenFromMail } from './auth-helpers';

const HOUR = 3600_000;

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof TRPCError) return { code: error.code, message: error.message };
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('sign-up and email confirmation', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('keeps the account unconfirmed and mails a confirmation link and a second "new link" link', async () => {
		expect(await t.caller().auth.signUp(await signUpInput(t, { email: ' Anna@Example.ORG ' }))).toEqual({
			ok: true
		});
		const user = await t.app.database.db
			.selectFrom('users')
			.selectAll()
			.where('email', '=', 'anna@example.org')
			.executeTakeFirstOrThrow();
		expect(user.role).toBe('parent');
		expect(user.email_confirmed_at).toBeNull();
		expect(user.privacy_consent_at).not.toBeNull();
		const [mail] = await mails(t, 'anna@example.org');
		expect(mail?.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
		expect(mail?.text_body).toContain('Guten Tag Anna Beispiel,');
		expect(mail?.text_body).toMatch(/http:\/\/localhost:3000\/konto\/bestaetigen#token=[a-z2-7]{32}/);
		expect(mail?.text_body).toMatch(/http:\/\/localhost:3000\/konto\/bestaetigen#neu=[a-z2-7]{32}/);
		expect(mail?.html_body).toContain('<a href="http://localhost:3000/konto/bestaetigen#token=');
		expect(mail?.sent_at).toBeNull();
	});

	it('refuses login until the link is opened, then accepts it', async () => {
		await t.caller().auth.signUp(await signUpInput(t));
		expect(
			await refusal(t.caller().auth.login({ email: 'anna@example.org', password: 'ein langes Passwort' }))
		).toEqual({
			code: 'FORBIDDEN',
			message: 'emailNotConfirmed'
		});
		const token = await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen');
		expect(await t.caller().auth.confirmEmail({ token })).toEqual({ outcome: 'confirmed' });
		const login = await t.caller().auth.login({ email: 'anna@example.org', password: 'ein langes Passwort' });
		expect(login.next).toBe('done');
		const audit = await t.app.database.db.selectFrom('audit_events').select('action').execute();
		expect(audit.map((a) => a.action)).toEqual(
			expect.arrayContaining(['signup', 'login.failure', 'email.confirm', 'login.success'])
		);
	});

	// Issue 13, point 7: the family form starts guardian 1 with what was given at sign-up.
	it('gives the logged-in parent the name, address, phone and email of the sign-up', async () => {
		await t.caller().auth.signUp(await signUpInput(t, { phone: '02922 4711' }));
		const token = await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen');
		await t.caller().auth.confirmEmail({ token });
		const login = await t.caller().auth.login({ email: 'anna@example.org', password: 'ein langes Passwort' });
		expect(login.user).toMatchObject({
			firstName: 'Anna',
			lastName: 'Beispiel',
			contact: {
				street: 'Marktstraße 5',
				postcode: '59457',
				town: 'Werl',
				phone: '02922 4711',
				email: 'anna@example.org'
			}
		});
		// Nothing is written into the family by the sign-up itself: the parent checks and saves it.
		expect(await t.app.database.db.selectFrom('guardians').selectAll().execute()).toEqual([]);
	});

	it('stores only the SHA-256 of a link token', async () => {
		await t.caller().auth.signUp(await signUpInput(t));
		const token = await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen');
		const rows = await t.app.database.db.selectFrom('email_tokens').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]?.id).toBe(hashToken(token));
		const dump = JSON.stringify(rows);
		expect(dump).not.toContain(token);
	});

	it('uses a link once', async () => {
		await t.caller().auth.signUp(await signUpInput(t));
		const token = await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen');
		await t.caller().auth.confirmEmail({ token });
		expect(await refusal(t.caller().auth.confirmEmail({ token }))).toEqual({
			code: 'BAD_REQUEST',
			message: 'tokenUsed'
		});
		expect(await t.caller().auth.tokenStatus({ token })).toEqual({ state: 'used', purpose: 'confirm' });
	});

	it('lets a link expire after 60 minutes', async () => {
		await t.caller().auth.signUp(await signUpInput(t));
		const token = await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen');
		t.clock.advance(HOUR - 1000);
		expect(await t.caller().auth.tokenStatus({ token })).toEqual({ state: 'valid', purpose: 'confirm' });
		t.clock.advance(1000);
		expect(await t.caller().auth.tokenStatus({ token })).toEqual({ state: 'expired', purpose: 'confirm' });
		expect(await refusal(t.caller().auth.confirmEmail({ token }))).toEqual({
			code: 'BAD_REQUEST',
			message: 'tokenExpired'
		});
		const user = await t.app.database.db
			.selectFrom('users')
			.select('email_confirmed_at')
			.where('email', '=', 'anna@example.org')
			.executeTakeFirstOrThrow();
		expect(user.email_confirmed_at).toBeNull();
	});

	it('sends a fresh link through the second link, also after expiry, and the fresh link works', async () => {
		await t.caller().auth.signUp(await signUpInput(t));
		const first = await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen');
		const resend = await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen', 'neu');
		expect(resend).toBe(first);
		t.clock.advance(2 * HOUR);
		expect(await t.caller().auth.resendConfirmation({ token: resend })).toEqual({ outcome: 'sent' });
		const fresh = await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen');
		expect(fresh).not.toBe(first);
		expect(await mails(t, 'anna@example.org')).toHaveLength(2);
		expect(await t.caller().auth.confirmEmail({ token: fresh })).toEqual({ outcome: 'confirmed' });
		expect(await t.caller().auth.resendConfirmation({ token: resend })).toEqual({
			outcome: 'alreadyConfirmed'
		});
		expect(await refusal(t.caller().auth.resendConfirmation({ token: 'a'.repeat(32) }))).toEqual({
			code: 'BAD_REQUEST',
			message: 'tokenInvalid'
		});
	});

	it('answers "Passwort vergessen" for an unconfirmed account with a new confirmation link', async () => {
		await t.caller().auth.signUp(await signUpInput(t));
		t.clock.advance(2 * HOUR);
		expect(await t.caller().auth.requestPasswordReset({ email: 'anna@example.org' })).toEqual({ ok: true });
		const all = await mails(t, 'anna@example.org');
		expect(all).toHaveLength(2);
		expect(all[1]?.kind).toBe('confirm');
		const fresh = await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen');
		expect(await t.caller().auth.confirmEmail({ token: fresh })).toEqual({ outcome: 'confirmed' });
	});

	it('answers a sign-up with a known address exactly like a new one, and leaves the account alone', async () => {
		await t.caller().auth.signUp(await signUpInput(t, { email: 'anna@example.org' }));
		await t
			.caller()
			.auth.confirmEmail({ token: await tokenFromMail(t, 'anna@example.org', '/konto/bestaetigen') });
		const before = await t.app.database.db
			.selectFrom('users')
			.selectAll()
			.where('email', '=', 'anna@example.org')
			.executeTakeFirstOrThrow();
		const known = await t
			.caller()
			.auth.signUp(await signUpInput(t, { email: 'anna@example.org', password: 'ein anderes Passwort' }));
		const unknown = await t.caller().auth.signUp(await signUpInput(t, { email: 'neu@example.org' }));
		expect(known).toEqual(unknown);
		const after = await t.app.database.db
			.selectFrom('users')
			.selectAll()
			.where('id', '=', before.id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual(before);
		const toOwner = await mails(t, 'anna@example.org');
		expect(toOwner.at(-1)?.kind).toBe('alreadyRegistered');
		expect(toOwner.at(-1)?.text_body).not.toContain('#token=');
	});

	it('needs every required field, the privacy consent and a solved captcha', async () => {
		const input = await signUpInput(t);
		for (const [field, value, message] of [
			['firstName', '', 'required'],
			['postcode', '5945', 'invalidPostcode'],
			['email', 'anna@', 'emailInvalid'],
			['password', 'kurz', 'passwordTooShort'],
			['password', 'x'.repeat(129), 'passwordTooLong'],
			['privacyConsent', false, 'consentRequired'],
			['captcha', '', 'captchaRequired']
		] as const) {
			const error = await t
				.caller()
				.auth.signUp({ ...input, [field]: value } as typeof input)
				.then(
					() => null,
					(e: unknown) => e
				);
			expect(error, field).toBeInstanceOf(TRPCError);
			expect((error as TRPCError).code).toBe('BAD_REQUEST');
			expect(JSON.stringify((error as TRPCError).cause)).toContain(message);
		}
		expect(
			await t.app.database.db.selectFrom('users').select('id').where('role', '=', 'parent').execute()
		).toHaveLength(1);
	});

	it('makes the captcha key at the first start, so that a challenge (a query) writes nothing', async () => {
		const secrets = () => t.app.database.db.selectFrom('app_secrets').selectAll().execute();
		const before = await secrets();
		expect(before.map((r) => r.name)).toEqual(['altcha-hmac-key']);
		const challenge = await t.caller().auth.captchaChallenge();
		expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
		expect(await secrets()).toEqual(before);
		expect(await t.app.database.db.selectFrom('captcha_solutions').selectAll().execute()).toEqual([]);
	});

	it('accepts a solved captcha once and refuses forged or expired ones', async () => {
		const captcha = await solveCaptcha(t);
		await t.caller().auth.signUp(await signUpInput(t, { captcha }));
		expect(
			await refusal(t.caller().auth.signUp(await signUpInput(t, { email: 'b@example.org', captcha })))
		).toEqual({
			code: 'BAD_REQUEST',
			message: 'captchaUsed'
		});
		const payload = JSON.parse(Buffer.from(await solveCaptcha(t), 'base64').toString()) as {
			solution: { counter: number };
		};
		payload.solution.counter += 1;
		const forged = Buffer.from(JSON.stringify(payload)).toString('base64');
		expect(
			await refusal(t.caller().auth.signUp(await signUpInput(t, { email: 'c@example.org', captcha: forged })))
		).toEqual({ code: 'BAD_REQUEST', message: 'captchaInvalid' });
		const old = await solveCaptcha(t);
		t.clock.advance(HOUR);
		expect(
			await refusal(t.caller().auth.signUp(await signUpInput(t, { email: 'd@example.org', captcha: old })))
		).toEqual({
			code: 'BAD_REQUEST',
			message: 'captchaExpired'
		});
		expect(
			await refusal(
				t.caller().auth.signUp(await signUpInput(t, { email: 'e@example.org', captcha: 'bm9wZQ==' }))
			)
		).toEqual({
			code: 'BAD_REQUEST',
			message: 'captchaInvalid'
		});
	});
});
