// Admins keep office accounts: deactivate and re-activate them, assign Kitas to staff, and end
// every session of an account (a lost device). Each step ends the sessions it must and is audited.
import { accountAdminActions, type AccountAdminAction } from '../../src/lib/domain/youth-office';
import type { AuthSession } from '../auth/session';
import { afterCredentialChange } from '../auth/credentials';
import type { Db, Executor } from '../db/database';
import { poke } from '../events/poke';
import { AccountError } from './accounts';
import { audit } from './audit';

type Admin = Pick<AuthSession, 'userId' | 'role'>;

async function target(db: Executor, userId: string, admin: Admin, action: AccountAdminAction) {
	const user = await db
		.selectFrom('users')
		.select(['id', 'role', 'active'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (
		!user ||
		!accountAdminActions({ id: user.id, role: user.role, active: user.active === 1 }, admin.userId).includes(
			action
		)
	)
		throw new AccountError('notPermitted', 'forbidden');
	return user;
}

/** The account can no longer log in; its open sessions end at once, its mailed links stop working. */
export async function deactivateAccount(db: Db, admin: Admin, userId: string, now: Date): Promise<void> {
	await db.transaction().execute(async (tx) => {
		await target(tx, userId, admin, 'deactivate');
		await tx
			.updateTable('users')
			.set({ active: 0, updated_at: now.toISOString() })
			.where('id', '=', userId)
			.execute();
		await afterCredentialChange(tx, userId, now);
		await audit(
			tx,
			{ action: 'account.deactivate', actor: admin, targetType: 'user', targetId: userId },
			now
		);
	});
	// Its open tabs pull, get 401 and ask for a login that no longer works.
	poke([userId]);
}

export async function reactivateAccount(db: Db, admin: Admin, userId: string, now: Date): Promise<void> {
	await db.transaction().execute(async (tx) => {
		await target(tx, userId, admin, 'reactivate');
		await tx
			.updateTable('users')
			.set({ active: 1, updated_at: now.toISOString() })
			.where('id', '=', userId)
			.execute();
		await audit(
			tx,
			{ action: 'account.reactivate', actor: admin, targetType: 'user', targetId: userId },
			now
		);
	});
}

export async function endAllSessions(db: Db, admin: Admin, userId: string, now: Date): Promise<void> {
	await db.transaction().execute(async (tx) => {
		await target(tx, userId, admin, 'endSessions');
		// A lost device may have asked for a change of address or a reset: those links end too.
		await afterCredentialChange(tx, userId, now);
		await audit(
			tx,
			{ action: 'account.sessionsEnded', actor: admin, targetType: 'user', targetId: userId },
			now
		);
	});
	poke([userId]);
}

/**
 * Sets the Kitas a staff member works for. Their next pull gets a new scope (the key names the
 * Kitas), so nothing of a Kita they left stays on their devices.
 */
export async function assignFacilities(
	db: Db,
	admin: Admin,
	userId: string,
	facilityIds: string[],
	now: Date
): Promise<void> {
	const ids = [...new Set(facilityIds)];
	await db.transaction().execute(async (tx) => {
		await target(tx, userId, admin, 'assignFacilities');
		const found = await tx.selectFrom('facilities').select('id').where('id', 'in', ids).execute();
		if (found.length !== ids.length) throw new AccountError('facilityRequired');
		await tx.deleteFrom('user_facilities').where('user_id', '=', userId).execute();
		await tx
			.insertInto('user_facilities')
			.values(ids.map((facility_id) => ({ user_id: userId, facility_id })))
			.execute();
		await audit(
			tx,
			{ action: 'account.facilities', actor: admin, targetType: 'user', targetId: userId },
			now
		);
	});
	poke([userId]);
}
