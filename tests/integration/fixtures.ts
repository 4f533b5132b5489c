// Test fixtures written straight to the database: accounts with a ready session, so that tests of
// later features need not walk through sign-up each time (the auth tests do that).
import type { AccountLocale } from '../../src/lib/domain/account';
import type { FacilityId, UserId } from '../../src/lib/domain/ids';
import type { Role } from '../../src/lib/domain/roles';
import { createSession, validateSessionToken, type AuthSession } from '../../server/auth/session';
import type { Db } from '../../server/db/database';

export async function createUserWithSession(
	db: Db,
	now: Date,
	role: Role,
	options: { email?: string; facilityIds?: string[]; locale?: AccountLocale } = {}
): Promise<AuthSession> {
	const id = crypto.randomUUID() as UserId;
	const at = now.toISOString();
	await db
		.insertInto('users')
		.values({
			id,
			email: options.email ?? `${role}-${id.slice(0, 8)}@example.org`,
			password_hash: null,
			role,
			first_name: 'Test',
			last_name: role,
			street: 'Teststraße 1',
			postcode: '59457',
			town: 'Werl',
			phone: null,
			locale: options.locale ?? 'de',
			email_confirmed_at: at,
			privacy_consent_at: at,
			totp_key: null,
			created_at: at,
			updated_at: at
		})
		.execute();
	for (const facilityId of options.facilityIds ?? [])
		await db.insertInto('user_facilities').values({ user_id: id, facility_id: facilityId }).execute();
	const { token } = await createSession(db, id, role, now, true);
	const session = await validateSessionToken(db, token, now);
	if (!session) throw new Error('session not created');
	return { ...session, facilityIds: (options.facilityIds ?? []) as FacilityId[] };
}

export async function someFacilities(db: Db, count: number, where: { weeklyHours?: number } = {}) {
	const rows = await db
		.selectFrom('facilities')
		.selectAll()
		.where('active', '=', 1)
		.orderBy('name')
		.execute();
	return rows
		.filter((r) =>
			where.weeklyHours ? (JSON.parse(r.weekly_hours) as number[]).includes(where.weeklyHours) : true
		)
		.filter((r) => r.min_age_months <= 24 && r.max_age_months >= 48)
		.slice(0, count);
}
