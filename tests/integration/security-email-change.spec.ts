// A pending change of address must not outlive a password reset or change, a deactivation or
// "end all sessions". Whoever knew the old password asks for the address to change to their own
// mailbox; if the owner's reset left that link working, it would move the account to the
// attacker's address, and a reset from there would take the account over.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../../server/auth/session';
import { issueToken } from '../../server/auth/tokens';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import type { UserId } from '../../src/lib/domain/ids';
import { createTestApp, type TestApp } from './harness';
import { loginJar, callerWithCookies, signUpAndConfirm, tokenFromMail } from './auth-helpers';

const OLD = 'altes Passwort 123';

/** Signs up the owner and, as an attacker who knows the old password, asks for a new address. */
async function pendingChange(t: TestApp): Promise<string> {
	await signUpAndConfirm(t, 'owner@example.org', OLD);
	const { jar } = await loginJar(t, 'owner@example.org', OLD, '198.51.100.9');
	await (
		await callerWithCookies(t, jar)
	).account.requestEmailChange({
		newEmail: 'attacker@evil.example',
		password: OLD
	});
	return tokenFromMail(t, 'attacker@evil.example', '/konto/bestaetigen');
}

async function confirmOutcome(t: TestApp, token: string): Promise<string> {
	return t
		.caller()
		.auth.confirmEmail({ token })
		.then(
			(r) => r.outcome,
			() => 'refused'
		);
}

async function ownerAddress(t: TestApp): Promise<string> {
	const user = await t.app.database.db
		.selectFrom('users')
		.select('email')
		.where('email', 'in', ['owner@example.org', 'attacker@evil.example'])
		.executeTakeFirstOrThrow();
	return user.email;
}

async function adminCaller(t: TestApp) {
	const demo = DEMO_ACCOUNTS.find((a) => a.role === 'admin');
	if (!demo) throw new Error('no demo admin');
	const db = t.app.database.db;
	const { id } = await db
		.selectFrom('users')
		.select('id')
		.where('email', '=', demo.email)
		.executeTakeFirstOrThrow();
	const { token } = await createSession(db, id as UserId, 'admin', t.clock.now(), true);
	return t.caller({ session: await validateSessionToken(db, token, t.clock.now()) }).adminAccounts;
}

describe('a pending address change after the credentials change', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('a reset retires a changeEmail link requested with the old password', async () => {
		const changeToken = await pendingChange(t);
		// The owner resets the password: "whoever knew the old password is logged out everywhere".
		await t.caller().auth.requestPasswordReset({ email: 'owner@example.org' });
		const resetToken = await tokenFromMail(t, 'owner@example.org', '/passwort-neu');
		await t.caller().auth.resetPassword({ token: resetToken, password: 'neues Passwort 456' });

		expect(await confirmOutcome(t, changeToken)).toBe('refused');
		expect(await ownerAddress(t)).toBe('owner@example.org');
	});

	it('a password change retires a changeEmail link too, and keeps the session that made it', async () => {
		const changeToken = await pendingChange(t);
		const { jar: ownerJar } = await loginJar(t, 'owner@example.org', OLD);
		const owner = await callerWithCookies(t, ownerJar);
		await owner.account.changePassword({ currentPassword: OLD, newPassword: 'neues Passwort 456' });

		expect(await confirmOutcome(t, changeToken)).toBe('refused');
		expect(await ownerAddress(t)).toBe('owner@example.org');
		expect(await (await callerWithCookies(t, ownerJar)).auth.me()).not.toBeNull();
	});

	it('an admin ending every session retires the changeEmail link and other open links', async () => {
		const changeToken = await pendingChange(t);
		await t.caller().auth.requestPasswordReset({ email: 'owner@example.org' });
		const resetToken = await tokenFromMail(t, 'owner@example.org', '/passwort-neu');
		const { id } = await t.app.database.db
			.selectFrom('users')
			.select('id')
			.where('email', '=', 'owner@example.org')
			.executeTakeFirstOrThrow();
		await (await adminCaller(t)).endSessions({ userId: id });

		expect(await confirmOutcome(t, changeToken)).toBe('refused');
		expect((await t.caller().auth.tokenStatus({ token: resetToken })).state).toBe('used');
		expect(await ownerAddress(t)).toBe('owner@example.org');
	});

	it('deactivating an account retires its links', async () => {
		const staff = DEMO_ACCOUNTS.find((a) => a.role === 'staff');
		if (!staff) throw new Error('no demo staff');
		const db = t.app.database.db;
		const { id } = await db
			.selectFrom('users')
			.select('id')
			.where('email', '=', staff.email)
			.executeTakeFirstOrThrow();
		const { token } = await issueToken(db, id, 'changeEmail', 60_000, t.clock.now(), 'attacker@evil.example');
		await (await adminCaller(t)).deactivate({ userId: id });
		await (await adminCaller(t)).reactivate({ userId: id });

		expect(await confirmOutcome(t, token)).toBe('refused');
		const row = await db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.email).toBe(staff.email);
	});

	it('refuses every link of an inactive account (confirmEmail and tokenStatus)', async () => {
		const changeToken = await pendingChange(t);
		// Set directly, not through deactivate (which retires the links): the refusal must not rest on that.
		await t.app.database.db
			.updateTable('users')
			.set({ active: 0 })
			.where('email', '=', 'owner@example.org')
			.execute();

		expect(await t.caller().auth.tokenStatus({ token: changeToken })).toEqual({
			state: 'invalid',
			purpose: null
		});
		expect(await confirmOutcome(t, changeToken)).toBe('refused');
		expect(await ownerAddress(t)).toBe('owner@example.org');
	});
});
