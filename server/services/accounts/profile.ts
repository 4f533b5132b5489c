// "Mein Konto": what the account page shows of the signed-in user.
import { requiresMfa, type Role } from '../../../src/lib/domain/roles';
import type { Executor } from '../../db/database';
import { userById } from './users';

export interface Profile {
	email: string;
	firstName: string;
	lastName: string;
	street: string | null;
	postcode: string | null;
	town: string | null;
	phone: string | null;
	role: Role;
	mfaEnabled: boolean;
	mfaRequired: boolean;
	recoveryCodesLeft: number;
	/** A new address waiting for its confirmation link to be opened. */
	pendingEmail: string | null;
}

export async function profile(db: Executor, userId: string, now: Date): Promise<Profile> {
	const user = await userById(db, userId);
	const left = await db
		.selectFrom('recovery_codes')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', user.id)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	const pending = await db
		.selectFrom('email_tokens')
		.select('new_email')
		.where('user_id', '=', user.id)
		.where('purpose', '=', 'changeEmail')
		.where('used_at', 'is', null)
		.where('expires_at', '>', now.toISOString())
		.orderBy('created_at', 'desc')
		.executeTakeFirst();
	const role = user.role as Role;
	return {
		email: user.email,
		firstName: user.first_name,
		lastName: user.last_name,
		street: user.street,
		postcode: user.postcode,
		town: user.town,
		phone: user.phone,
		role,
		mfaEnabled: user.totp_key !== null,
		mfaRequired: requiresMfa(role, false),
		recoveryCodesLeft: Number(left.n),
		pendingEmail: pending?.new_email ?? null
	};
}
