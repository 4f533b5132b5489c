// The users table as the account steps read it: lookups by address and id, the name mails greet
// with, and the signed-in user as the browser gets it (KnownUser).
import type { Selectable } from 'kysely';
import type { KnownUser } from '../../../src/lib/domain/account';
import type { Role } from '../../../src/lib/domain/roles';
import type { Executor } from '../../db/database';
import type { UsersTable } from '../../db/schema';

export type UserRow = Selectable<UsersTable>;

export function displayName(user: Pick<UserRow, 'first_name' | 'last_name'>): string {
	return `${user.first_name} ${user.last_name}`;
}

export async function userByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
	return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function userById(db: Executor, id: string): Promise<UserRow> {
	return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The audit trail's actor for a step the account takes on itself (before or while logging in). */
export function actorOf(user: Pick<UserRow, 'id' | 'role'>): { userId: string; role: string } {
	return { userId: user.id, role: user.role };
}

export async function knownUser(db: Executor, user: UserRow): Promise<KnownUser> {
	const facilityIds =
		user.role === 'staff'
			? (
					await db
						.selectFrom('user_facilities')
						.select('facility_id')
						.where('user_id', '=', user.id)
						.orderBy('facility_id')
						.execute()
				).map((r) => r.facility_id)
			: [];
	return {
		userId: user.id,
		role: user.role as Role,
		firstName: user.first_name,
		lastName: user.last_name,
		facilityIds,
		locale: user.locale,
		...(user.role === 'parent'
			? {
					contact: {
						street: user.street ?? '',
						postcode: user.postcode ?? '',
						town: user.town ?? '',
						phone: user.phone ?? '',
						email: user.email
					}
				}
			: {})
	};
}

/** Who is logged in: null without a complete login (the second factor still missing). */
export async function me(
	db: Executor,
	session: { userId: string; mfaVerified: boolean } | null
): Promise<KnownUser | null> {
	if (!session?.mfaVerified) return null;
	return knownUser(db, await userById(db, session.userId));
}
