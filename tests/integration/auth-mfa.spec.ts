import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { TRPCError } from '@trpc/server';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, demoStaffFacilityIds } from '../../server/demo/accounts';
import { inviteAccount } from '../../server/commands/accounts/invitations';
import { SYSTEM_ACTOR } from '../../server/commands/context';
import { runCommand } from '../../server/commands/run';
import { createTestApp, type TestApp } from './harness';
import { callerWithCookies, loginJar, signUpAndConfirm } from './auth-helpers';

const PASSWORD = 'ein langes Passwort';

async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		if (error instanceof TRPCError) return { code: error.code, message: error.message };
		throw error;
	}
	throw new Error('expected a refusal');
}

/** What an authenticator app shows for a base32 secret at `at` (+ steps of 30 s). */
function code(secret: string, at: Date, steps = 0): string {
	const counter = Math.floor(at.getTime() / 30_000) + steps;
	return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(counter), 6);
}

function demo(role: 'staff' | 'childminding' | 'admin' | 'parent') {
	const account = DEMO_ACCOUNTS.find((a) => a.role === role);
	if (!account) throw new Error(`no demo ${role}`);
	return account;
}

describe('two-factor login (TOTP)', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it.each(['staff', 'childminding', 'admin'] as const)('requires a second factor for %s', async (role) => {
		const account = demo(role);
		const { jar, result } = await loginJar(t, account.email, account.password);
		expect(result).toEqual({ next: 'mfaVerify', user: null });
		const caller = await callerWithCookies(t, jar);
		expect(await caller.auth.me()).toBeNull();
		expect(await refusal(caller.account.profile())).toEqual({ code: 'UNAUTHORIZED', message: 'mfaRequired' });
		// The waiting session is short-lived.
		const session = await t.app.database.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
		expect(new Date(session.expires_at).getTime() - t.clock.now().getTime()).toBe(30 * 60_000);
		expect(session.mfa_verified).toBe(0);
		expect(await refusal(caller.auth.verifyMfa({ code: '000000' }))).toEqual({
			code: 'BAD_REQUEST',
			message: 'mfaCodeInvalid'
		});
		const user = await caller.auth.verifyMfa({ code: code(account.totpSecret ?? '', t.clock.now()) });
		expect(user.role).toBe(role);
		if (role === 'staff') expect(user.facilityIds).toEqual([...demoStaffFacilityIds()].sort());
		const verified = await callerWithCookies(t, jar);
		expect(await verified.account.profile()).toMatchObject({ role, mfaEnabled: true, mfaRequired: true });
		expect(jar.cookies.get('session')?.options.expires).toEqual(
			new Date(t.clock.now().getTime() + 12 * 3600_000)
		);
	});

	it('accepts a code once (no replay) and one step of clock drift', async () => {
		const account = demo('admin');
		const secret = account.totpSecret ?? '';
		const first = await loginJar(t, account.email, account.password);
		await (await callerWithCookies(t, first.jar)).auth.verifyMfa({ code: code(secret, t.clock.now()) });
		const second = await loginJar(t, account.email, account.password);
		const caller = await callerWithCookies(t, second.jar);
		expect(await refusal(caller.auth.verifyMfa({ code: code(secret, t.clock.now()) }))).toMatchObject({
			message: 'mfaCodeInvalid'
		});
		expect(await refusal(caller.auth.verifyMfa({ code: code(secret, t.clock.now(), 2) }))).toMatchObject({
			message: 'mfaCodeInvalid'
		});
		expect((await caller.auth.verifyMfa({ code: code(secret, t.clock.now(), 1) })).role).toBe('admin');
	});

	it('sets up TOTP at the first login of an invited staff member, with 10 single-use recovery codes', async () => {
		const { token } = await runCommand(t.app, SYSTEM_ACTOR, (c) =>
			inviteAccount(c, {
				email: 'neu@kita.example.org',
				firstName: 'Nora',
				lastName: 'Neu',
				role: 'staff',
				facilityIds: demoStaffFacilityIds().slice(0, 1)
			})
		);
		await t.caller().auth.acceptInvite({ token, password: PASSWORD });

		const { jar, result } = await loginJar(t, 'neu@kita.example.org', PASSWORD);
		expect(result.next).toBe('mfaSetup');
		let caller = await callerWithCookies(t, jar);
		expect(await refusal(caller.account.profile())).toMatchObject({ message: 'mfaRequired' });
		expect(await refusal(caller.auth.verifyMfa({ code: '123456' }))).toMatchObject({
			message: 'mfaRequired'
		});
		const setup = await caller.auth.mfaSetupStart();
		expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(setup.uri).toContain(`secret=${setup.secret}`);
		expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Kita-Portal%20Kreis%20Soest:neu%40kita\.example\.org\?/);
		expect(await refusal(caller.auth.mfaSetupFinish({ code: '000000' }))).toMatchObject({
			message: 'mfaCodeInvalid'
		});
		const done = await caller.auth.mfaSetupFinish({ code: code(setup.secret, t.clock.now()) });
		expect(done.recoveryCodes).toHaveLength(10);
		expect(new Set(done.recoveryCodes).size).toBe(10);
		expect(done.user.facilityIds).toHaveLength(1);
		caller = await callerWithCookies(t, jar);
		expect(await caller.account.profile()).toMatchObject({ mfaEnabled: true, recoveryCodesLeft: 10 });

		// Recovery codes are stored hashed only.
		const stored = await t.app.database.db.selectFrom('recovery_codes').selectAll().execute();
		const dump = JSON.stringify(stored);
		for (const c of done.recoveryCodes) expect(dump).not.toContain(c.replace('-', ''));

		// A recovery code replaces the app once.
		const recovery = done.recoveryCodes[3] ?? '';
		const again = await loginJar(t, 'neu@kita.example.org', PASSWORD);
		const pending = await callerWithCookies(t, again.jar);
		expect((await pending.auth.verifyMfa({ recoveryCode: recovery.toUpperCase() })).role).toBe('staff');
		const third = await loginJar(t, 'neu@kita.example.org', PASSWORD);
		expect(
			await refusal((await callerWithCookies(t, third.jar)).auth.verifyMfa({ recoveryCode: recovery }))
		).toMatchObject({ message: 'mfaCodeInvalid' });
		expect(await (await callerWithCookies(t, again.jar)).account.profile()).toMatchObject({
			recoveryCodesLeft: 9
		});
		const actions = (await t.app.database.db.selectFrom('audit_events').select('action').execute()).map(
			(a) => a.action
		);
		expect(actions).toEqual(
			expect.arrayContaining(['invite.accept', 'mfa.setup', 'mfa.recoveryUsed', 'login.mfaFailure'])
		);
	});

	it('lets parents switch TOTP on (and off again); then their login asks for a code', async () => {
		await signUpAndConfirm(t, 'anna@example.org', PASSWORD);
		const { jar } = await loginJar(t, 'anna@example.org', PASSWORD);
		const caller = await callerWithCookies(t, jar);
		expect(await caller.account.profile()).toMatchObject({ mfaEnabled: false, mfaRequired: false });
		const setup = await caller.auth.mfaSetupStart();
		await caller.auth.mfaSetupFinish({ code: code(setup.secret, t.clock.now()) });
		expect(await refusal(caller.auth.mfaSetupStart())).toMatchObject({ message: 'mfaAlreadyEnabled' });
		t.clock.advance(60_000);
		const next = await loginJar(t, 'anna@example.org', PASSWORD);
		expect(next.result.next).toBe('mfaVerify');
		await (await callerWithCookies(t, next.jar)).auth.verifyMfa({ code: code(setup.secret, t.clock.now()) });
		const account = (await callerWithCookies(t, next.jar)).account;
		expect(await refusal(account.disableMfa({ password: 'falsch' }))).toMatchObject({
			message: 'currentPasswordWrong'
		});
		await account.disableMfa({ password: PASSWORD });
		expect((await loginJar(t, 'anna@example.org', PASSWORD)).result.next).toBe('done');
	});

	it('does not let office roles switch TOTP off', async () => {
		const admin = demo('admin');
		const { jar } = await loginJar(t, admin.email, admin.password);
		await (
			await callerWithCookies(t, jar)
		).auth.verifyMfa({ code: code(admin.totpSecret ?? '', t.clock.now()) });
		expect(
			await refusal((await callerWithCookies(t, jar)).account.disableMfa({ password: admin.password }))
		).toMatchObject({ code: 'FORBIDDEN', message: 'notPermitted' });
	});

	it('locks the second step after repeated wrong codes', async () => {
		const admin = demo('admin');
		const { jar } = await loginJar(t, admin.email, admin.password);
		const caller = await callerWithCookies(t, jar);
		for (let i = 0; i < 5; i++) await refusal(caller.auth.verifyMfa({ code: '000000' }));
		expect(
			await refusal(caller.auth.verifyMfa({ code: code(admin.totpSecret ?? '', t.clock.now()) }))
		).toMatchObject({
			code: 'TOO_MANY_REQUESTS'
		});
	});

	it('documents every demo account in README under "Demo-Zugänge", with password and TOTP secret', () => {
		const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
		const section = readme.split('## Demo-Zugänge')[1]?.split('\n## ')[0] ?? '';
		for (const account of DEMO_ACCOUNTS) {
			expect(section).toContain(account.email);
			expect(section).toContain(account.password);
			if (account.totpSecret) expect(section).toContain(account.totpSecret);
		}
	});
});
