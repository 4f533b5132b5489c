// Account pre-hijacking: someone signs up with another person's address and a password of their
// own; the account waits unconfirmed. When the owner of the address signs up, the newest sign-up
// must win: the owner's password, details and link — not the earlier sign-up's. Login before the
// confirmation tells only the password holder that the address is unconfirmed, and opens no session.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../../server/auth/session';
import type { UserId } from '../../src/lib/domain/ids';
import { mails, signUpInput, tokenFromMail } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

async function loginOutcome(t: TestApp, email: string, password: string, ip: string): Promise<string> {
	try {
		await t.caller({ ip }).auth.login({ email, password });
		return 'ok';
	} catch (error) {
		return (error as Error).message;
	}
}

const ATTACKER = { email: 'opfer@example.org', password: 'Passwort des Angreifers', firstName: 'Mallory' };
const OWNER = {
	email: 'opfer@example.org',
	password: 'Passwort der Mutter',
	firstName: 'Olga',
	locale: 'en'
};

describe('sign-up over an unconfirmed account', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('the confirmed account opens with the owner’s password, not an earlier sign-up’s', async () => {
		await t.caller({ ip: '198.51.100.9' }).auth.signUp(await signUpInput(t, ATTACKER));
		await t.caller({ ip: '203.0.113.5' }).auth.signUp(await signUpInput(t, OWNER));
		const token = await tokenFromMail(t, 'opfer@example.org', '/konto/bestaetigen');
		await t.caller().auth.confirmEmail({ token });

		const owner = await loginOutcome(t, 'opfer@example.org', 'Passwort der Mutter', '203.0.113.5');
		const attacker = await loginOutcome(t, 'opfer@example.org', 'Passwort des Angreifers', '198.51.100.9');
		expect({ owner, attacker }).toEqual({ owner: 'ok', attacker: 'invalidCredentials' });
		const user = await t.app.database.db
			.selectFrom('users')
			.select(['first_name', 'locale'])
			.where('email', '=', 'opfer@example.org')
			.executeTakeFirstOrThrow();
		expect(user).toEqual({ first_name: 'Olga', locale: 'en' });
	});

	it('only the newest confirmation link works; the answer is that of a fresh sign-up', async () => {
		const first = await t.caller({ ip: '198.51.100.9' }).auth.signUp(await signUpInput(t, ATTACKER));
		const attackerToken = await tokenFromMail(t, 'opfer@example.org', '/konto/bestaetigen');
		const second = await t.caller({ ip: '203.0.113.5' }).auth.signUp(await signUpInput(t, OWNER));
		expect(second).toEqual(first);
		expect((await mails(t, 'opfer@example.org')).map((m) => m.kind)).toEqual(['confirm', 'confirm']);

		expect((await t.caller().auth.tokenStatus({ token: attackerToken })).state).toBe('used');
		await expect(t.caller().auth.confirmEmail({ token: attackerToken })).rejects.toThrow('tokenUsed');
	});

	it('login before the confirmation: no session, and only the password holder learns the state', async () => {
		await t.caller({ ip: '198.51.100.9' }).auth.signUp(await signUpInput(t, ATTACKER));
		expect(await loginOutcome(t, 'opfer@example.org', 'Passwort des Angreifers', '198.51.100.9')).toBe(
			'emailNotConfirmed'
		);
		expect(await loginOutcome(t, 'opfer@example.org', 'irgendein Passwort', '198.51.100.7')).toBe(
			'invalidCredentials'
		);
		const sessions = await t.app.database.db.selectFrom('sessions').select('id').execute();
		expect(sessions).toEqual([]);
	});

	it('confirming the address ends every session opened before', async () => {
		await t.caller({ ip: '198.51.100.9' }).auth.signUp(await signUpInput(t, ATTACKER));
		const db = t.app.database.db;
		const { id } = await db
			.selectFrom('users')
			.select('id')
			.where('email', '=', 'opfer@example.org')
			.executeTakeFirstOrThrow();
		// No path opens one today (login refuses); should one appear, it must not survive the proof.
		const early = await createSession(db, id as UserId, 'parent', t.clock.now(), true);
		const token = await tokenFromMail(t, 'opfer@example.org', '/konto/bestaetigen');
		await t.caller().auth.confirmEmail({ token });
		expect(await validateSessionToken(db, early.token, t.clock.now())).toBeNull();
	});
});
