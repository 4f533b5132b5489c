// What a retention policy is: what it selects, what it does with it, and after which period
// (src/lib/domain/retention.ts, server/config.ts). The policies run in list order, in one command of
// the system, one transaction and one seq (commands/retention/index.ts).
import type { Day } from '../../../src/lib/domain/calendar-day';
import { defaultKitaYear, kitaYearIdOf, kitaYearStartYear } from '../../../src/lib/domain/kita-year';
import { yearPastRetention, type RetentionPeriods } from '../../../src/lib/domain/retention';
import type { AccountRetentionPeriods } from '../../config';
import type { Executor } from '../../db/database';
import type { CommandContext, SystemActor } from '../context';

export interface RetentionResult {
	/** Requests past the privacy page's promise, deleted with their history. */
	requestsDeleted: number;
	requestEventsDeleted: number;
	/** Receipts (registrations) left without a request. */
	registrationsDeleted: number;
	duplicatesDeleted: number;
	/** Child-minding requests past the same promise (their start's Kita year), with their note. */
	childmindingDeleted: number;
	requestsCleared: number;
	childmindingCleared: number;
	/** Offer-round proposals whose changes lost the staff's written reasons. */
	roundReasonsCleared: number;
	familiesAnonymised: number;
	accountsDeleted: number;
	/** Of those, accounts never confirmed. */
	unconfirmedDeleted: number;
	/** Of those, accounts unused for `unusedAccountDays`. */
	unusedDeleted: number;
	/** Unconfirmed or unused accounts kept for now: an offer or a contract of a running year is open. */
	accountsHeld: number;
	auditDeleted: number;
	transientDeleted: number;
	/** Records of deletions for devices (sync_deletions) older than `transientDays`. */
	deletionsPruned: number;
}

export function emptyResult(): RetentionResult {
	return {
		requestsDeleted: 0,
		requestEventsDeleted: 0,
		registrationsDeleted: 0,
		duplicatesDeleted: 0,
		childmindingDeleted: 0,
		requestsCleared: 0,
		childmindingCleared: 0,
		roundReasonsCleared: 0,
		familiesAnonymised: 0,
		accountsDeleted: 0,
		unconfirmedDeleted: 0,
		unusedDeleted: 0,
		accountsHeld: 0,
		auditDeleted: 0,
		transientDeleted: 0,
		deletionsPruned: 0
	};
}

export type AllRetentionPeriods = RetentionPeriods & AccountRetentionPeriods;

/** What a policy runs with: the system's command context and the periods of this server. */
export interface RetentionRun {
	ctx: CommandContext<SystemActor>;
	periods: AllRetentionPeriods;
	/** The last day of the Kita year a child-minding request's start falls in (configured or 31 Jul). */
	endOf: (startDate: Day) => Day;
}

export interface RetentionPolicy {
	/** Also the policy's module name. */
	name: string;
	/** What the policy selects, in a sentence. */
	selects: string;
	/** What it does with what it selected. */
	does: string;
	/**
	 * After which period: a setting of RetentionPeriods / AccountRetentionPeriods, or `promise` for the
	 * privacy page's ceiling (the end of the Kita year after the one registered for: requestKeptUntil).
	 */
	period: keyof AllRetentionPeriods | 'promise';
	/** The counts of what it changed; only rows that still hold something to remove are touched. */
	run(run: RetentionRun): Promise<Partial<RetentionResult>>;
}

/** See RetentionRun.endOf. */
export async function kitaYearEnds(db: Executor): Promise<(startDate: Day) => Day> {
	const years = new Map(
		(await db.selectFrom('kita_years').select(['id', 'ends_on']).execute()).map((y) => [y.id, y.ends_on])
	);
	return (startDate) => {
		const id = kitaYearIdOf(startDate);
		return years.get(id) ?? defaultKitaYear(kitaYearStartYear(id) ?? Number(startDate.slice(0, 4))).endsOn;
	};
}

/** The Kita years that ended more than `anonymiseAfterDays` before `today`. */
export async function pastKitaYears(
	db: Executor,
	today: Day,
	periods: Pick<RetentionPeriods, 'anonymiseAfterDays'>
): Promise<string[]> {
	return (await db.selectFrom('kita_years').select(['id', 'ends_on']).execute())
		.filter((y) => yearPastRetention(y.ends_on, today, periods))
		.map((y) => y.id);
}

/** Owners of the families, for the poke. */
export async function ownersOf(tx: Executor, familyIds: readonly string[]): Promise<string[]> {
	const out: string[] = [];
	for (let i = 0; i < familyIds.length; i += 500) {
		const owners = await tx
			.selectFrom('families')
			.select('owner_user_id')
			.where('id', 'in', familyIds.slice(i, i + 500))
			.where('owner_user_id', 'is not', null)
			.execute();
		for (const o of owners) if (o.owner_user_id) out.push(o.owner_user_id);
	}
	return out;
}
