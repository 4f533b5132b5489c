// One demo account per role, with fixed passwords and TOTP secrets that README lists under
// "Demo-Zugänge", so that anyone can try every part of the portal. Only seeded with DEMO_DATA=on.
import { decodeBase32IgnorePadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Role } from '../../src/lib/domain/roles';
import { sealTotpKey } from '../auth/totp-crypto';
import type { Db } from '../db/database';
import { demoFacilities, demoUuid } from './facilities';
import { lockDemoSeeding } from './seed-lock';

export interface DemoAccount {
	role: Role;
	email: string;
	password: string;
	/** argon2id (m=19456, t=2, p=1) of `password`, computed once so that seeding costs no time. */
	passwordHash: string;
	/** Base32, as typed into an authenticator app; null: no second factor (parents may add one). */
	totpSecret: string | null;
	firstName: string;
	lastName: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{
		role: 'parent',
		email: 'eltern@demo.kita-portal.invalid',
		password: 'Eltern-Demo-2026',
		passwordHash:
			'$argon2id$v=19$m=19456,t=2,p=1$GDlsONYMnWJFSWpmJMd8pg$nG5w4hG20UUs6j1yYkUK/Z6gwAnjf+UmMu8PqdYJwlE',
		totpSecret: null,
		firstName: 'Erika',
		lastName: 'Musterfrau'
	},
	{
		role: 'staff',
		email: 'kita-leitung@demo.kita-portal.invalid',
		password: 'Kita-Demo-2026',
		passwordHash:
			'$argon2id$v=19$m=19456,t=2,p=1$+LGDVu9jxQ6Bl5rtsdQ73g$pwQE44hLv6l+IYfQNyIaxxDCmAzuDEWVupVL/SXsrg4',
		totpSecret: 'HVYWWIBLAQKSUAQRWQW36PE7I6IK2YTX',
		firstName: 'Karla',
		lastName: 'Kita'
	},
	{
		role: 'childminding',
		email: 'fachberatung@demo.kita-portal.invalid',
		password: 'Fachberatung-Demo-2026',
		passwordHash:
			'$argon2id$v=19$m=19456,t=2,p=1$rkOd99/zBr/x0/Q0yxEc3Q$AkpKfkN01PbX1ZH0TdLvZRfmXFwIA1O8K/Qg6CfkhLk',
		totpSecret: '7GILO2SW43QZ2MJ7YMUP3VCST5LVXNOD',
		firstName: 'Frieda',
		lastName: 'Fachberatung'
	},
	{
		role: 'admin',
		email: 'admin@demo.kita-portal.invalid',
		password: 'Admin-Demo-2026',
		passwordHash:
			'$argon2id$v=19$m=19456,t=2,p=1$8DAewZwZiLyNzaDVjbhUAg$nFw0PuqOHUXczxwupBY33QqDVplXP8k3JpwmM/AlGyQ',
		totpSecret: '6RL32BDOCT42WEKFINSZHJJEBPXBRDA4',
		firstName: 'Adam',
		lastName: 'Admin'
	}
];

function storedSecret(base32: string, userId: string, totpKey: Uint8Array | undefined): string {
	const secret = decodeBase32IgnorePadding(base32);
	return totpKey ? sealTotpKey(secret, totpKey, userId) : encodeHexLowerCase(secret);
}

/** The demo staff member works at the first two demo Kitas (both in Anröchte). */
export function demoStaffFacilityIds(): string[] {
	return demoFacilities()
		.slice(0, 2)
		.map((f) => f.id);
}

export function demoAccountId(role: Role): string {
	return demoUuid(`account:${role}`);
}

/**
 * Seeds the demo accounts that are missing (by address); returns how many were added. Without
 * `totpKey` the TOTP secrets are stored as plaintext hex, which the next server start encrypts
 * (sealPlaintextTotpKeys).
 */
export async function seedDemoAccounts(db: Db, now: Date, totpKey?: Uint8Array): Promise<number> {
	return db.transaction().execute(async (tx) => {
		await lockDemoSeeding(tx);
		let added = 0;
		const at = now.toISOString();
		for (const account of DEMO_ACCOUNTS) {
			const existing = await tx
				.selectFrom('users')
				.select('id')
				.where('email', '=', account.email)
				.executeTakeFirst();
			if (existing) continue;
			const id = demoAccountId(account.role);
			await tx
				.insertInto('users')
				.values({
					id,
					email: account.email,
					password_hash: account.passwordHash,
					role: account.role,
					first_name: account.firstName,
					last_name: account.lastName,
					street: account.role === 'parent' ? 'Musterstraße 1' : null,
					postcode: account.role === 'parent' ? '59609' : null,
					town: account.role === 'parent' ? 'Anröchte' : null,
					phone: null,
					email_confirmed_at: at,
					privacy_consent_at: account.role === 'parent' ? at : null,
					totp_key: account.totpSecret ? storedSecret(account.totpSecret, id, totpKey) : null,
					totp_pending_key: null,
					totp_last_step: null,
					last_login_at: null,
					created_at: at,
					updated_at: at
				})
				.execute();
			if (account.role === 'staff') {
				const facilities = await tx
					.selectFrom('facilities')
					.select('id')
					.where('id', 'in', demoStaffFacilityIds())
					.execute();
				if (facilities.length > 0)
					await tx
						.insertInto('user_facilities')
						.values(facilities.map((f) => ({ user_id: id, facility_id: f.id })))
						.execute();
			}
			added++;
		}
		return added;
	});
}
