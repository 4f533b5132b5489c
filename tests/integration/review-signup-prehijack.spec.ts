// Review: account pre-hijacking. Someone signs up with another person's address and a password of
// their own; the account waits unconfirmed. When the owner of the address signs up, the portal only
// re-sends the confirmation of the EXISTING account — whose password is the attacker's. The owner
// confirms, cannot log in with their password, and the attacker can (login even tells the attacker
// the moment the address is confirmed: emailNotConfirmed turns into a session).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpInput, tokenFromMail } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

async function loginOutcome(t: TestApp, email: string, password: string, ip: string): Promise<string> {
	try {
		await t.caller({ ip }).auth.login({ email, password });
		return 'ok';
	} catch (error) {
		return (error as Error).message;
	}
}

describe('review: sign-up over an unconfirmed account', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('the confirmed account opens with the owner’s password, not an earlier sign-up’s', async () => {
		await t
			.caller({ ip: '198.51.100.9' })
			.auth.signUp(await signUpInput(t, { email: 'opfer@example.org', password: 'Passwort des Angreifers', firstName: 'Mallory' }));
		await t
			.caller({ ip: '203.0.113.5' })
			.auth.signUp(await signUpInput(t, { email: 'opfer@example.org', password: 'Passwort der Mutter', firstName: 'Olga' }));
		const token = await tokenFromMail(t, 'opfer@example.org', '/konto/bestaetigen');
		await t.caller().auth.confirmEmail({ token });

		const owner = await loginOutcome(t, 'opfer@example.org', 'Passwort der Mutter', '203.0.113.5');
		const attacker = await loginOutcome(t, 'opfer@example.org', 'Passwort des Angreifers', '198.51.100.9');
		expect({ owner, attacker }).toEqual({ owner: 'ok', attacker: 'invalidCredentials' });
	});
});
