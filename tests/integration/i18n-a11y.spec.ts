// Issue 7 on the server: the account's language (set by the switcher, used for mails), the session
// information behind the expiry warning, and the accessibility feedback form with its rate limit.
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { sessionCookieName } from '../../server/auth/session';
import { callerWithCookies, loginJar, recordingJar } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

const DAY = 24 * 3600_000;

async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		if (error instanceof TRPCError) return { code: error.code, message: error.message };
		throw error;
	}
	throw new Error('expected a refusal');
}

function demo(role: 'parent' | 'staff' | 'admin') {
	const account = DEMO_ACCOUNTS.find((a) => a.role === role);
	if (!account) throw new Error(`no demo ${role}`);
	return account;
}

/** Logs a demo account in (with its TOTP code where it has one); returns its cookie jar. */
async function loggedIn(t: TestApp, role: 'parent' | 'staff' | 'admin') {
	const account = demo(role);
	const { jar } = await loginJar(t, account.email, account.password);
	if (account.totpSecret) {
		const counter = BigInt(Math.floor(t.clock.now().getTime() / 30_000));
		const code = generateHOTP(decodeBase32IgnorePadding(account.totpSecret), counter, 6);
		await (await callerWithCookies(t, jar)).auth.verifyMfa({ code });
	}
	return jar;
}

describe('issue 7 on the server', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	describe('account language', () => {
		it('is stored by the switcher and reported with the user', async () => {
			const jar = await loggedIn(t, 'parent');
			const caller = await callerWithCookies(t, jar);
			expect((await caller.auth.me())?.locale).toBe('de');
			expect(await caller.account.setLocale({ locale: 'ar' })).toEqual({ locale: 'ar' });
			expect((await caller.auth.me())?.locale).toBe('ar');
			const row = await t.app.database.db
				.selectFrom('users')
				.select('locale')
				.where('email', '=', demo('parent').email)
				.executeTakeFirstOrThrow();
			expect(row.locale).toBe('ar');
		});

		it('decides the language of the mails the account receives', async () => {
			const parent = demo('parent');
			for (const [locale, subject] of [
				['tr', 'Kita-Portal için yeni şifre'],
				['ar', 'كلمة مرور جديدة لـ Kita-Portal'],
				['uk', 'Новий пароль для Kita-Portal']
			] as const) {
				const caller = await callerWithCookies(t, await loggedIn(t, 'parent'));
				await caller.account.setLocale({ locale });
				await t.caller({ ip: `10.1.0.${locale.length}${locale.charCodeAt(0)}` }).auth.requestPasswordReset({
					email: parent.email
				});
				const mail = await t.app.database.db
					.selectFrom('mail_outbox')
					.select(['subject', 'html_body'])
					.where('to_address', '=', parent.email)
					.orderBy('created_at', 'desc')
					.orderBy('id')
					.executeTakeFirstOrThrow();
				expect(mail.subject).toBe(subject);
				expect(mail.html_body).toContain(`lang="${locale}"`);
				t.clock.advance(1000);
			}
		});

		it('accepts only the portal languages and only for a logged-in user', async () => {
			const caller = await callerWithCookies(t, await loggedIn(t, 'parent'));
			await expect(caller.account.setLocale({ locale: 'xx' as 'de' })).rejects.toThrow();
			expect(await refusal(t.caller().account.setLocale({ locale: 'en' }))).toEqual({
				code: 'UNAUTHORIZED',
				message: 'loginRequired'
			});
		});
	});

	describe('session information for the expiry warning', () => {
		it('lets parents extend their sliding session', async () => {
			const jar = recordingJar();
			const account = demo('parent');
			await t.caller({ cookies: jar }).auth.login({ email: account.email, password: account.password });
			const info = await (await callerWithCookies(t, jar)).auth.sessionInfo();
			expect(info).toEqual({
				expiresAt: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
				serverNow: t.clock.now().toISOString(),
				extendable: true
			});
			t.clock.advance(10 * DAY);
			const extended = await (await callerWithCookies(t, jar)).auth.extendSession();
			const expected = new Date(t.clock.now().getTime() + 30 * DAY);
			expect(extended.expiresAt).toBe(expected.toISOString());
			expect(jar.cookies.get(sessionCookieName(t.config.origin))?.options.expires).toEqual(expected);
			const stored = await t.app.database.db.selectFrom('sessions').select('expires_at').execute();
			expect(stored.map((s) => s.expires_at)).toEqual([expected.toISOString()]);
		});

		it('keeps the fixed end of staff sessions (12 h after login)', async () => {
			const jar = await loggedIn(t, 'staff');
			const end = new Date(t.clock.now().getTime() + 12 * 3600_000).toISOString();
			t.clock.advance(11 * 3600_000 + 56 * 60_000);
			const caller = await callerWithCookies(t, jar);
			expect(await caller.auth.sessionInfo()).toMatchObject({ expiresAt: end, extendable: false });
			expect(await caller.auth.extendSession()).toMatchObject({ expiresAt: end, extendable: false });
			t.clock.advance(5 * 60_000);
			expect(await refusal((await callerWithCookies(t, jar)).auth.sessionInfo())).toEqual({
				code: 'UNAUTHORIZED',
				message: 'loginRequired'
			});
		});
	});

	describe('accessibility feedback', () => {
		const report = {
			kind: 'barrier' as const,
			message: 'Das Formular lässt sich nicht mit der Tastatur absenden.'
		};

		it('is stored for the admins, who alone can read and close it', async () => {
			await t.caller().feedback.submit({ ...report, page: '/anmeldung', locale: 'tr' });
			const parent = await callerWithCookies(t, await loggedIn(t, 'parent'));
			await parent.feedback.submit({
				kind: 'content',
				message: 'Bitte als PDF',
				email: 'e@x.de',
				wantsReply: true
			});
			expect(await refusal(parent.feedback.list())).toEqual({ code: 'FORBIDDEN', message: 'notPermitted' });

			const admin = await callerWithCookies(t, await loggedIn(t, 'admin'));
			const entries = await admin.feedback.list();
			expect(entries).toHaveLength(2);
			expect(entries.map((e) => [e.kind, e.page, e.locale, e.fromAccount, e.wantsReply])).toEqual(
				expect.arrayContaining([
					['barrier', '/anmeldung', 'tr', false, false],
					['content', '', 'de', true, true]
				])
			);
			const first = entries[0];
			expect(first).toBeDefined();
			if (!first) return;
			await admin.feedback.markHandled({ id: first.id });
			expect((await admin.feedback.list()).find((e) => e.id === first.id)?.handledAt).toBe(
				t.clock.now().toISOString()
			);
		});

		it('refuses a sixth message from one address within an hour', async () => {
			for (let i = 0; i < 5; i++) await t.caller({ ip: '10.0.0.7' }).feedback.submit(report);
			expect(await refusal(t.caller({ ip: '10.0.0.7' }).feedback.submit(report))).toEqual({
				code: 'TOO_MANY_REQUESTS',
				message: 'rateLimited'
			});
			await t.caller({ ip: '10.0.0.8' }).feedback.submit(report);
			t.clock.advance(3600_000);
			await t.caller({ ip: '10.0.0.7' }).feedback.submit(report);
			const count = await t.app.database.db
				.selectFrom('feedback')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			expect(Number(count.n)).toBe(7);
		});

		it('refuses cross-site posts and invalid input', async () => {
			expect(await refusal(t.caller({ sameOrigin: false }).feedback.submit(report))).toEqual({
				code: 'FORBIDDEN',
				message: 'crossSite'
			});
			expect((await refusal(t.caller().feedback.submit({ kind: 'barrier', message: '' }))).code).toBe(
				'BAD_REQUEST'
			);
		});
	});
});
