// Retention (data protection): the list of policies, in the order they run, and the command that
// runs them — as the system, in one transaction with one seq, so that a run is all or nothing and
// every device holding a changed row gets it at its next pull. Only rows that still hold something
// to remove are touched, so a second run changes nothing. Unsent drafts live only in the browser;
// the client deletes them after 60 days at start.
import { audit } from '../../services/audit';
import type { CommandContext, SystemActor } from '../context';
import { auditTrail } from './audit-trail';
import { childmindingPastPromise } from './childminding-past-promise';
import { childmindingTexts } from './childminding-texts';
import { finishedFamilies } from './finished-families';
import { idleAccounts } from './idle-accounts';
import { unconfirmedAccounts, unusedAccounts } from './parent-accounts';
import {
	emptyResult,
	kitaYearEnds,
	type AllRetentionPeriods,
	type RetentionPolicy,
	type RetentionResult
} from './policy';
import { requestTexts } from './request-texts';
import { requestsPastPromise } from './requests-past-promise';
import { roundTexts } from './round-texts';
import { syncDeletions } from './sync-deletions';
import { transientRecords } from './transient-records';

export type { RetentionPolicy, RetentionResult } from './policy';

/**
 * In order: requests past the promise go before anything else looks at them; free texts, families
 * and accounts next; the audit trail and the short-lived records last (deleting accounts writes
 * audit entries and ends sessions).
 */
export const RETENTION_POLICIES: readonly RetentionPolicy[] = [
	requestsPastPromise,
	childmindingPastPromise,
	requestTexts,
	childmindingTexts,
	roundTexts,
	finishedFamilies,
	idleAccounts,
	unconfirmedAccounts,
	unusedAccounts,
	auditTrail,
	transientRecords,
	syncDeletions
];

/** Runs the policies in list order; records the run (counts only) when something changed. */
export async function applyRetention(
	ctx: CommandContext<SystemActor>,
	periods: AllRetentionPeriods,
	policies: readonly RetentionPolicy[] = RETENTION_POLICIES
): Promise<RetentionResult> {
	const result = emptyResult();
	let stamped = false;
	const tracked: CommandContext<SystemActor> = {
		...ctx,
		seq: () => {
			stamped = true;
			return ctx.seq();
		}
	};
	const run = { ctx: tracked, periods, endOf: await kitaYearEnds(ctx.tx) };
	for (const policy of policies) {
		const counts = await policy.run(run);
		for (const [key, n] of Object.entries(counts) as [keyof RetentionResult, number][]) result[key] += n;
	}
	if (stamped) {
		// Kitas and the Fachberatung hold some of the changed rows: let them pull the new state.
		const staff = await ctx.tx
			.selectFrom('users')
			.select('id')
			.where('role', 'in', ['staff', 'childminding'])
			.execute();
		for (const s of staff) ctx.effects.poke.add(s.id);
	}
	// Accounts only held back change nothing.
	const { accountsHeld: _held, ...changes } = result;
	if (Object.values(changes).some((n) => n > 0)) {
		// What the run did, in counts only: never ids, names or addresses.
		const row = await ctx.tx
			.insertInto('retention_runs')
			.values({ at: ctx.now.toISOString(), counts: JSON.stringify(result) })
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(
			ctx.tx,
			{
				action: 'retention.run',
				actor: { userId: null, role: 'system' },
				targetType: 'retentionRun',
				targetId: String(row.id)
			},
			ctx.now
		);
	}
	return result;
}
