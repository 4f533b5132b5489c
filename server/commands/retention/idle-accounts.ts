// Parents' accounts that never got as far as a family and were not used for `anonymiseAfterDays`
// are deleted (nothing else holds them).
import { cutoffInstant } from '../../../src/lib/domain/retention';
import { sessionsEnded } from '../../auth/session-ended';
import { audit } from '../../services/audit';
import type { RetentionPolicy, RetentionRun } from './policy';

async function run({ ctx, periods }: RetentionRun) {
	const { tx, now } = ctx;
	const unusedSince = cutoffInstant(now, periods.anonymiseAfterDays);
	const idle = await tx
		.selectFrom('users')
		.select('id')
		.where('role', '=', 'parent')
		.where((eb) =>
			eb.not(
				eb.exists(eb.selectFrom('families').select('id').whereRef('families.owner_user_id', '=', 'users.id'))
			)
		)
		.where((eb) => eb(eb.fn.coalesce('last_login_at', 'created_at'), '<', unusedSince))
		.execute();
	for (const account of idle) {
		await tx.deleteFrom('users').where('id', '=', account.id).execute();
		// Its sessions went with it: an open live stream (on any node) closes at the commit.
		await sessionsEnded(tx, account.id);
		await audit(
			tx,
			{
				action: 'account.delete',
				actor: { userId: null, role: 'system' },
				targetType: 'user',
				targetId: account.id
			},
			now
		);
	}
	return { accountsDeleted: idle.length };
}

export const idleAccounts: RetentionPolicy = {
	name: 'idle-accounts',
	selects: 'parents’ accounts without a family, not used (or created) within the period',
	does: 'deletes them',
	period: 'anonymiseAfterDays',
	run
};
