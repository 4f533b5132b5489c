// A family is anonymised when all of its requests are closed and past `anonymiseAfterDays`, and its
// account was not used since; such an account is deleted with it.
import type { ChildmindingStatus } from '../../../src/lib/domain/childminding';
import type { RequestStatus } from '../../../src/lib/domain/placement';
import {
	childmindingClosed,
	cutoffInstant,
	requestClosed,
	yearPastRetention
} from '../../../src/lib/domain/retention';
import { sessionsEnded } from '../../auth/session-ended';
import { audit } from '../../services/audit';
import { anonymiseFamily } from '../privacy/anonymise-family';
import type { RetentionPolicy, RetentionRun } from './policy';

async function run({ ctx, periods, endOf }: RetentionRun) {
	const { tx, now, today } = ctx;
	let familiesAnonymised = 0;
	let accountsDeleted = 0;
	const unusedSince = cutoffInstant(now, periods.anonymiseAfterDays);
	const families = await tx
		.selectFrom('families')
		.leftJoin('users', 'users.id', 'families.owner_user_id')
		.select([
			'families.id',
			'families.updated_at',
			'families.owner_user_id',
			'users.last_login_at',
			'users.created_at as user_created_at'
		])
		.where('families.anonymised_at', 'is', null)
		.execute();
	for (const family of families) {
		const lastUse = family.last_login_at ?? family.user_created_at;
		if (family.owner_user_id && lastUse && lastUse >= unusedSince) continue;
		const requests = await tx
			.selectFrom('requests')
			.innerJoin('children', 'children.id', 'requests.child_id')
			.innerJoin('kita_years', 'kita_years.id', 'requests.kita_year_id')
			.select(['requests.status', 'kita_years.ends_on'])
			.where('children.family_id', '=', family.id)
			.execute();
		const cms = await tx
			.selectFrom('childminder_requests')
			.select(['status', 'start_date'])
			.where('family_id', '=', family.id)
			.execute();
		const over =
			requests.every(
				(r) => requestClosed(r.status as RequestStatus) && yearPastRetention(r.ends_on, today, periods)
			) &&
			cms.every(
				(r) =>
					childmindingClosed(r.status as ChildmindingStatus) &&
					yearPastRetention(endOf(r.start_date), today, periods)
			);
		// A family that never registered anything is judged by when it last changed.
		const idle = requests.length + cms.length > 0 || family.updated_at < unusedSince;
		if (!over || !idle) continue;
		await anonymiseFamily(ctx, family.id);
		familiesAnonymised++;
		if (family.owner_user_id) {
			await tx.deleteFrom('users').where('id', '=', family.owner_user_id).execute();
			// Its sessions went with it: an open live stream (on any node) closes at the commit.
			await sessionsEnded(tx, family.owner_user_id);
			accountsDeleted++;
			await audit(
				tx,
				{
					action: 'account.delete',
					actor: { userId: null, role: 'system' },
					targetType: 'user',
					targetId: family.owner_user_id
				},
				now
			);
		}
	}
	return { familiesAnonymised, accountsDeleted };
}

export const finishedFamilies: RetentionPolicy = {
	name: 'finished-families',
	selects:
		'families not anonymised whose requests are all closed and past the period, and whose account was not used for it',
	does: 'anonymises the family and deletes its account',
	period: 'anonymiseAfterDays',
	run
};
