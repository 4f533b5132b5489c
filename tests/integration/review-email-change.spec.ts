// Review: a pending change of address outlives a password reset (and a password change). Whoever
// knew the old password asks for the address to change to their own mailbox; the owner notices and
// resets the password ("every session ends") — but the attacker's changeEmail link still works,
// moves the account to the attacker's address, and a reset from there takes the account over.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';
import { loginJar, callerWithCookies, signUpAndConfirm, tokenFromMail } from './auth-helpers';

describe('review: pending address change after a password reset', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('a reset retires a changeEmail link requested with the old password', async () => {
		await signUpAndConfirm(t, 'owner@example.org', 'altes Passwort 123');
		// The attacker knows the old password: logs in and asks for the address to change.
		const { jar } = await loginJar(t, 'owner@example.org', 'altes Passwort 123', '198.51.100.9');
		const attacker = await callerWithCookies(t, jar);
		await attacker.account.requestEmailChange({ newEmail: 'attacker@evil.example', password: 'altes Passwort 123' });
		const changeToken = await tokenFromMail(t, 'attacker@evil.example', '/konto/bestaetigen');

		// The owner resets the password: "whoever knew the old password is logged out everywhere".
		await t.caller().auth.requestPasswordReset({ email: 'owner@example.org' });
		const resetToken = await tokenFromMail(t, 'owner@example.org', '/passwort-neu');
		await t.caller().auth.resetPassword({ token: resetToken, password: 'neues Passwort 456' });

		// The attacker's link from before the reset must not change the address any more.
		const outcome = await t.caller().auth.confirmEmail({ token: changeToken }).then(
			(r) => r.outcome,
			() => 'refused'
		);
		const user = await t.app.database.db
			.selectFrom('users')
			.select('email')
			.where('email', 'in', ['owner@example.org', 'attacker@evil.example'])
			.executeTakeFirstOrThrow();
		expect(outcome).toBe('refused');
		expect(user.email).toBe('owner@example.org');
	});

	it('a password change retires a changeEmail link too', async () => {
		await signUpAndConfirm(t, 'owner@example.org', 'altes Passwort 123');
		const { jar } = await loginJar(t, 'owner@example.org', 'altes Passwort 123', '198.51.100.9');
		await (await callerWithCookies(t, jar)).account.requestEmailChange({
			newEmail: 'attacker@evil.example',
			password: 'altes Passwort 123'
		});
		const changeToken = await tokenFromMail(t, 'attacker@evil.example', '/konto/bestaetigen');
		const { jar: ownerJar } = await loginJar(t, 'owner@example.org', 'altes Passwort 123');
		await (await callerWithCookies(t, ownerJar)).account.changePassword({
			currentPassword: 'altes Passwort 123',
			newPassword: 'neues Passwort 456'
		});
		const outcome = await t.caller().auth.confirmEmail({ token: changeToken }).then(
			(r) => r.outcome,
			() => 'refused'
		);
		expect(outcome).toBe('refused');
	});
});
