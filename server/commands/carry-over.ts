// The carry-over of one Kita year's requests without a place into the next year
// (src/lib/domain/carry-over.ts has the rule): by the job once allocation ended, or at once when an
// admin closes the allocation (kita-years.ts). A request already moved is no longer `registered` for
// the old year, so a second run finds nothing — running twice changes nothing.
import {
	carriedStartDate,
	carriesOver,
	carryOverRule,
	nextKitaYear,
	type CarryOverRule
} from '../../src/lib/domain/carry-over';
import type { KitaYear } from '../../src/lib/domain/kita-year';
import { isOpen, type RequestStatus } from '../../src/lib/domain/placement';
import type { Executor } from '../db/database';
import { familyHoldingChild } from '../services/families';
import { mailFamily } from '../services/notifications';
import { usersConcerned } from '../services/placement';
import { transitionRequest } from './transition-request';
import { auditCommand, pokeAll } from './audit';
import type { CommandContext } from './context';

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

/**
 * Carries over `year`'s due requests, if its allocation has ended (null: not yet). The system (the
 * job) or the admin who closed the allocation acts; the families are told, everyone who sees the
 * children is poked.
 */
export async function carryOverYear(
	ctx: CommandContext,
	year: KitaYear,
	years: readonly KitaYear[]
): Promise<CarryOverResult | null> {
	const { tx, now, today } = ctx;
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
		// The transition command: its effects table pokes per request, and mails and audits once
		// per run (`perRun`), which follows below.
		await transitionRequest(
			ctx,
			row,
			{
				event: 'carryOver',
				actor: 'system',
				expectedStatus: 'registered',
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
	for (const familyId of families) await notifyCarryOver(tx, familyId, year, next, now, ctx.origin);
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
	await auditCommand(ctx, 'carryOver.run', 'kitaYear', year.id);
	for (const childId of children) pokeAll(ctx, await usersConcerned(tx, childId));
	return result;
}
