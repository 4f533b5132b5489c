// Carry-over of requests without a place into the next Kita year (src/lib/domain/carry-over.ts has
// the rule). Runs on a timer by server time and when an admin closes a year's allocation. Each
// year moves in one transaction; a request already moved is no longer `registered` for the old
// year, so a second run finds nothing — running twice changes nothing.
import { dayOfInstant } from '../../src/lib/domain/calendar-day';
import {
	carriedStartDate,
	carriesOver,
	carryOverRule,
	nextKitaYear,
	type CarryOverRule
} from '../../src/lib/domain/carry-over';
import type { KitaYear } from '../../src/lib/domain/kita-year';
import { isOpen, type RequestStatus } from '../../src/lib/domain/placement';
import type { Db, Executor } from '../db/database';
import { audit } from '../services/audit';
import { listKitaYears } from '../services/catalogue';
import { mailFamily } from '../services/notifications';
import { familyHoldingChild } from '../services/families';
import { usersConcerned } from '../services/placement';
import { stepRequest as transitionRequest } from '../commands/transition-request';
import { poke } from '../events/poke';
import { nextSeq } from '../db/seq';
import { everyInterval, type IntervalJob } from './interval';

export interface CarryOverDeps {
	db: Db;
	now: () => Date;
	origin: string;
}

export interface CarryOverResult {
	fromKitaYearId: string;
	/** null: no next year is configured, nothing moved (the admin is asked to create it). */
	toKitaYearId: string | null;
	trigger: 'allocationEnd' | 'closedByAdmin' | 'yearEnd';
	/** Requests moved into the next year. */
	moved: string[];
	/** Due, but the child already waits at the same Kita in the next year: left where it is. */
	skipped: string[];
}

const TRIGGER: Record<CarryOverRule['kind'], CarryOverResult['trigger']> = {
	all: 'yearEnd',
	registeredBefore: 'closedByAdmin',
	registeredUpTo: 'allocationEnd'
};

async function notifyCarryOver(
	db: Executor,
	familyId: string,
	from: KitaYear,
	to: KitaYear,
	now: Date,
	origin: string
): Promise<void> {
	await mailFamily(
		db,
		familyId,
		'carryOver',
		(r) => ({
			name: r.name,
			fromYear: from.label,
			toYear: to.label,
			loginUrl: `${origin}/meine-anmeldungen`
		}),
		now
	);
}

async function carryOverYear(
	deps: CarryOverDeps,
	year: KitaYear,
	years: readonly KitaYear[],
	actor: { userId: string; role: string } | null
): Promise<CarryOverResult | null> {
	const now = deps.now();
	const today = dayOfInstant(now);
	const concerned = new Set<string>();
	const outcome = await deps.db.transaction().execute(async (tx) => {
		const closure = await tx
			.selectFrom('allocation_closures')
			.select('closed_at')
			.where('kita_year_id', '=', year.id)
			.executeTakeFirst();
		const rule = carryOverRule(year, closure?.closed_at ?? null, today);
		if (!rule) return null;
		const candidates = await tx
			.selectFrom('requests')
			.selectAll()
			.where('kita_year_id', '=', year.id)
			.where('status', '=', 'registered')
			.orderBy('child_id')
			.orderBy('rank')
			.execute();
		const due = candidates.filter((r) => carriesOver(rule, r.registered_at));
		const result: CarryOverResult = {
			fromKitaYearId: year.id,
			toKitaYearId: null,
			trigger: TRIGGER[rule.kind],
			moved: [],
			skipped: []
		};
		if (!due.length) return result;
		const next = nextKitaYear(year, years);
		if (!next) {
			result.skipped = due.map((r) => r.id);
			return result;
		}
		result.toKitaYearId = next.id;
		const seq = await nextSeq(tx);
		const children = new Set<string>();
		for (const row of due) {
			const there = await tx
				.selectFrom('requests')
				.select(['facility_id', 'status', 'rank'])
				.where('child_id', '=', row.child_id)
				.where('kita_year_id', '=', next.id)
				.execute();
			if (there.some((r) => r.facility_id === row.facility_id && isOpen(r.status as RequestStatus))) {
				result.skipped.push(row.id);
				continue;
			}
			// Behind the family's ranking for the next year, in the order they had for the old one.
			const rank = Math.max(0, ...there.map((r) => r.rank)) + 1;
			await transitionRequest(
				tx,
				row,
				{
					event: 'carryOver',
					actor: 'system',
					actorId: actor?.userId ?? null,
					actorRole: 'system',
					expectedStatus: 'registered',
					now,
					today,
					seq,
					reason: `fromKitaYear:${year.id}`,
					set: {
						kita_year_id: next.id,
						start_date: carriedStartDate(row.start_date, next),
						rank
					}
				},
				'office'
			);
			result.moved.push(row.id);
			children.add(row.child_id);
		}
		if (!result.moved.length) return result;
		const families = new Set<string>();
		// Only the family that holds the child (a record linked into it belongs to another account,
		// which no longer sees these requests).
		for (const childId of children) {
			const holder = await familyHoldingChild(tx, childId);
			if (holder) families.add(holder);
		}
		for (const familyId of families) await notifyCarryOver(tx, familyId, year, next, now, deps.origin);
		await tx
			.insertInto('carry_over_runs')
			.values({
				at: now.toISOString(),
				from_kita_year_id: year.id,
				to_kita_year_id: next.id,
				trigger: result.trigger,
				moved: result.moved.length,
				skipped: result.skipped.length
			})
			.execute();
		await audit(
			tx,
			{
				action: 'carryOver.run',
				actor: actor ?? { userId: null, role: 'system' },
				targetType: 'kitaYear',
				targetId: year.id
			},
			now
		);
		for (const childId of children) for (const u of await usersConcerned(tx, childId)) concerned.add(u);
		return result;
	});
	// Only after the commit: a poked client pulls at once and must find the change.
	poke(concerned);
	return outcome;
}

/** Carries over every year whose allocation has ended; returns one result per such year. */
export async function runCarryOver(
	deps: CarryOverDeps,
	options: { kitaYearId?: string; actor?: { userId: string; role: string } | null } = {}
): Promise<CarryOverResult[]> {
	const years = await listKitaYears(deps.db);
	const results: CarryOverResult[] = [];
	for (const year of years) {
		if (options.kitaYearId && year.id !== options.kitaYearId) continue;
		const result = await carryOverYear(deps, year, years, options.actor ?? null);
		if (result) results.push(result);
	}
	return results;
}

/**
 * The admin's action: the allocation of `kitaYearId` ends now (an earlier closure stays), and the
 * carry-over runs at once.
 */
export async function closeAllocation(
	deps: CarryOverDeps,
	kitaYearId: string,
	actor: { userId: string; role: string }
): Promise<CarryOverResult | null> {
	const now = deps.now();
	await deps.db
		.insertInto('allocation_closures')
		.values({ kita_year_id: kitaYearId, closed_at: now.toISOString(), closed_by: actor.userId })
		.onConflict((oc) => oc.column('kita_year_id').doNothing())
		.execute();
	const [result] = await runCarryOver(deps, { kitaYearId, actor });
	return result ?? null;
}

export type CarryOverJob = IntervalJob<CarryOverResult[]>;

/** Runs the carry-over every `intervalMs`; rounds never overlap, a failed round is logged. */
export function startCarryOver(deps: CarryOverDeps, intervalMs = 15 * 60_000): CarryOverJob {
	return everyInterval('Carry-over round', () => runCarryOver(deps), [], intervalMs);
}
