import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStaffFacilityIds } from '../../server/demo/accounts';
import { inviteAccount } from '../../server/commands/accounts/invitations';
import { SYSTEM_ACTOR } from '../../server/commands/context';
import { runCommand } from '../../server/commands/run';
import { createTestApp, type TestApp } from './harness';
import { loginJar, mails, signUpAndConfirm, tokenFromMail } from './auth-helpers';
import type { AuthSession } from '../../server/auth/session';
import type { UserId } from '../../src/lib/domain/ids';

const HOUR = 3600_000;
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

function session(
	t: TestApp,
	role: AuthSession['role'],
	userId = '00000000-0000-4000-8000-000000000001'
): AuthSession {
	return {
		id: 'test',
		userId: userId as UserId,
		role,
		facilityIds: [],
		mfaVerified: true,
		hasTotp: true,
		expiresAt: new Date(t.clock.now().getTime() + HOUR)
	};
}

describe('invitations of staff, Fachberatung and admins', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('lets admins invite staff bound to Kitas; the link sets the password and is valid 72 hours', async () => {
		const admin = t.caller({ session: session(t, 'admin') });
		const facilityIds = demoStaffFacilityIds();
		const { userId } = await admin.adminAccounts.invite({
			email: 'Neu@Kita.example.org',
			firstName: 'Nora',
			lastName: 'Neu',
			role: 'staff',
			facilityIds
		});
		const listed = (await admin.adminAccounts.list()).find((a) => a.id === userId);
		expect(listed).toMatchObject({
			email: 'neu@kita.example.org',
			role: 'staff',
			status: 'invited',
			mfaEnabled: false
		});
		expect(listed?.facilityIds.sort()).toEqual([...facilityIds].sort());
		const [mail] = await mails(t, 'neu@kita.example.org');
		expect(mail?.subject).toBe('Einladung zum Kita-Portal des Kreises Soest');
		expect(mail?.text_body).toContain('72 Stunden');
		const token = await tokenFromMail(t, 'neu@kita.example.org', '/einladung');
		expect(
			await refusal(t.caller().auth.login({ email: 'neu@kita.example.org', password: PASSWORD }))
		).toMatchObject({
			message: 'invalidCredentials'
		});
		t.clock.advance(72 * HOUR - 1000);
		expect(await t.caller().auth.tokenStatus({ token })).toEqual({ state: 'valid', purpose: 'invite' });
		await t.caller().auth.acceptInvite({ token, password: PASSWORD });
		expect((await admin.adminAccounts.list()).find((a) => a.id === userId)?.status).toBe('active');
		expect(await refusal(t.caller().auth.acceptInvite({ token, password: PASSWORD }))).toMatchObject({
			message: 'tokenUsed'
		});
		expect((await loginJar(t, 'neu@kita.example.org', PASSWORD)).result.next).toBe('mfaSetup');
		const actions = (await t.app.database.db.selectFrom('audit_events').select('action').execute()).map(
			(a) => a.action
		);
		expect(actions).toEqual(expect.arrayContaining(['invite.create', 'invite.accept']));
	});

	it('lets the invitation expire after 72 hours; a new invitation works', async () => {
		const admin = t.caller({ session: session(t, 'admin') });
		const { userId } = await admin.adminAccounts.invite({
			email: 'fb@example.org',
			firstName: 'Fritz',
			lastName: 'Beratung',
			role: 'childminding',
			facilityIds: []
		});
		const token = await tokenFromMail(t, 'fb@example.org', '/einladung');
		t.clock.advance(72 * HOUR);
		expect(await refusal(t.caller().auth.acceptInvite({ token, password: PASSWORD }))).toEqual({
			code: 'BAD_REQUEST',
			message: 'tokenExpired'
		});
		await admin.adminAccounts.resendInvite({ userId });
		const fresh = await tokenFromMail(t, 'fb@example.org', '/einladung');
		expect(fresh).not.toBe(token);
		await t.caller().auth.acceptInvite({ token: fresh, password: PASSWORD });
		expect(await refusal(admin.adminAccounts.resendInvite({ userId }))).toMatchObject({ code: 'FORBIDDEN' });
	});

	it('sends no new invitation to a deactivated account, as the list shows no button for it', async () => {
		const admin = t.caller({ session: session(t, 'admin') });
		const { userId } = await admin.adminAccounts.invite({
			email: 'weg@example.org',
			firstName: 'Wera',
			lastName: 'Weg',
			role: 'childminding',
			facilityIds: []
		});
		await admin.adminAccounts.deactivate({ userId });
		const before = await t.app.database.db.selectFrom('mail_outbox').select('id').execute();
		expect(await refusal(admin.adminAccounts.resendInvite({ userId }))).toMatchObject({ code: 'FORBIDDEN' });
		expect(await t.app.database.db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(
			before.length
		);
	});

	it('refuses invitations from non-admins, of taken addresses and of staff without a Kita', async () => {
		for (const role of ['parent', 'staff', 'childminding'] as const)
			expect(
				await refusal(
					t.caller({ session: session(t, role) }).adminAccounts.invite({
						email: 'x@example.org',
						firstName: 'X',
						lastName: 'Y',
						role: 'admin',
						facilityIds: []
					})
				)
			).toEqual({ code: 'FORBIDDEN', message: 'notPermitted' });
		expect(await refusal(t.caller().adminAccounts.list())).toEqual({
			code: 'UNAUTHORIZED',
			message: 'loginRequired'
		});
		const admin = t.caller({ session: session(t, 'admin') });
		const noKita = await admin.adminAccounts
			.invite({ email: 'x@example.org', firstName: 'X', lastName: 'Y', role: 'staff', facilityIds: [] })
			.catch((e: unknown) => e);
		expect(JSON.stringify((noKita as TRPCError).cause)).toContain('facilityRequired');
		expect(
			await refusal(
				admin.adminAccounts.invite({
					email: 'x@example.org',
					firstName: 'X',
					lastName: 'Y',
					role: 'staff',
					facilityIds: ['00000000-0000-4000-8000-00000000abcd']
				})
			)
		).toEqual({ code: 'BAD_REQUEST', message: 'facilityRequired' });
		await signUpAndConfirm(t, 'anna@example.org');
		expect(
			await refusal(
				admin.adminAccounts.invite({
					email: 'anna@example.org',
					firstName: 'A',
					lastName: 'B',
					role: 'admin',
					facilityIds: []
				})
			)
		).toEqual({ code: 'CONFLICT', message: 'emailTaken' });
	});
});

describe('admin:create on an empty system', () => {
	it('creates the first admin with a set-password link, and refuses when an admin exists', async () => {
		const t = await createTestApp({ demoData: false });
		try {
			const { token } = await runCommand(t.app, SYSTEM_ACTOR, (c) =>
				inviteAccount(c, {
					email: 'chef@kreis-soest.example',
					firstName: 'Admin',
					lastName: 'Kreisjugendamt',
					role: 'admin',
					facilityIds: []
				})
			);
			await t.caller().auth.acceptInvite({ token, password: PASSWORD });
			expect((await loginJar(t, 'chef@kreis-soest.example', PASSWORD)).result.next).toBe('mfaSetup');
			const audit = await t.app.database.db
				.selectFrom('audit_events')
				.selectAll()
				.where('action', '=', 'invite.create')
				.execute();
			expect(audit[0]?.actor_id).toBeNull();
		} finally {
			await t.close();
		}
	});
});
