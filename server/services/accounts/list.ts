// The admins' list of accounts (/verwaltung/konten) and each account's status.
import type { AccountStatus } from '../../../src/lib/domain/account';
import type { Role } from '../../../src/lib/domain/roles';
import type { Executor } from '../../db/database';
import type { UserRow } from './users';

export interface AccountRow {
	id: string;
	email: string;
	firstName: string;
	lastName: string;
	role: Role;
	facilityIds: string[];
	status: AccountStatus;
	mfaEnabled: boolean;
	lastLoginAt: string | null;
	createdAt: string;
}

export function accountStatus(
	user: Pick<UserRow, 'active' | 'password_hash' | 'email_confirmed_at'>
): AccountStatus {
	if (user.active !== 1) return 'inactive';
	if (user.password_hash === null) return 'invited';
	if (user.email_confirmed_at === null) return 'unconfirmed';
	return 'active';
}

export async function listAccounts(db: Executor): Promise<AccountRow[]> {
	const users = await db
		.selectFrom('users')
		.selectAll()
		.orderBy('role')
		.orderBy('last_name')
		.orderBy('first_name')
		.execute();
	const links = await db.selectFrom('user_facilities').select(['user_id', 'facility_id']).execute();
	return users.map((u) => ({
		id: u.id,
		email: u.email,
		firstName: u.first_name,
		lastName: u.last_name,
		role: u.role as Role,
		facilityIds: links.filter((l) => l.user_id === u.id).map((l) => l.facility_id),
		status: accountStatus(u),
		mfaEnabled: u.totp_key !== null,
		lastLoginAt: u.last_login_at,
		createdAt: u.created_at
	}));
}

/** The target of an admin's step on an account, as accountAdminActions judges it. */
export async function adminTarget(
	db: Executor,
	userId: string
): Promise<{ id: string; role: string; active: boolean } | undefined> {
	const user = await db
		.selectFrom('users')
		.select(['id', 'role', 'active'])
		.where('id', '=', userId)
		.executeTakeFirst();
	return user && { id: user.id, role: user.role, active: user.active === 1 };
}
