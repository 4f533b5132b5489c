// What follows from a request's transition beyond the row itself: a contract closes the child's
// other requests, the families hear about it, and every Kita and family involved is poked.
import type { Selectable } from 'kysely';
import type { Day } from '../../src/lib/domain/calendar-day';
import type { RequestStatus } from '../../src/lib/domain/placement';
import { contractConsequences } from '../../src/lib/domain/staff';
import type { Executor } from '../db/database';
import type { RequestsTable } from '../db/schema';
import { familyHoldingChild } from './families';
import { notifyStatusChange } from './notifications';
import { transitionRequest } from './requests';

/**
 * Families whose contacts belong to a child: its own family and the families of records linked
 * into it ("same child" — e.g. a walk-in entered at another Kita).
 */
export async function contactFamilyIds(db: Executor, childId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('children')
		.select('family_id')
		.where((eb) => eb.or([eb('id', '=', childId), eb('merged_into', '=', childId)]))
		.execute();
	return [...new Set(rows.map((r) => r.family_id))];
}

/** Staff of the Kitas and owners of the families that see this child's requests. */
export async function usersConcerned(db: Executor, childId: string): Promise<string[]> {
	const staff = await db
		.selectFrom('user_facilities')
		.innerJoin('requests', 'requests.facility_id', 'user_facilities.facility_id')
		.select('user_facilities.user_id')
		.where('requests.child_id', '=', childId)
		.distinct()
		.execute();
	const families = await contactFamilyIds(db, childId);
	const owners = families.length
		? await db
				.selectFrom('families')
				.select('owner_user_id')
				.where('id', 'in', families)
				.where('owner_user_id', 'is not', null)
				.execute()
		: [];
	return [
		...staff.map((s) => s.user_id),
		...owners.flatMap((o) => (o.owner_user_id ? [o.owner_user_id] : []))
	];
}

/**
 * The generic status mail (FAQ: no details) to the family that holds the child's requests — not to
 * the families of records linked into it: they no longer see those requests (childrenHeldBy).
 */
export async function notifyChildStatus(
	db: Executor,
	childId: string,
	now: Date,
	origin: string
): Promise<void> {
	const familyId = await familyHoldingChild(db, childId);
	if (familyId) await notifyStatusChange(db, familyId, now, origin);
}

/** Stamps every request of the child, so that each Kita's "contract elsewhere" flag is resent. */
export async function touchChildRequests(db: Executor, childId: string, seq: number): Promise<void> {
	await db.updateTable('requests').set({ seq }).where('child_id', '=', childId).execute();
}

interface SystemStep {
	now: Date;
	today: Day;
	seq: number;
}

/**
 * Applies what a concluded contract means for the child's other requests, in the caller's
 * transaction: open ones close as `placedElsewhere` (closesOnContractElsewhere), and a Wechselwunsch
 * contract ends the earlier contract. Returns the requests it changed.
 */
export async function applyContract(
	db: Executor,
	contract: Pick<Selectable<RequestsTable>, 'id' | 'child_id' | 'change_request' | 'contracted_at'>,
	step: SystemStep
): Promise<string[]> {
	const others = await db
		.selectFrom('requests')
		.selectAll()
		.where('child_id', '=', contract.child_id)
		.execute();
	const shaped = others.map((row) => ({
		row,
		id: row.id,
		status: row.status as RequestStatus,
		changeRequest: row.change_request === 1,
		registeredAt: row.registered_at
	}));
	const { close, end } = contractConsequences(
		{ id: contract.id, changeRequest: contract.change_request === 1 },
		shaped,
		contract.contracted_at ?? step.now.toISOString()
	);
	const system = {
		actor: 'system' as const,
		actorId: null,
		actorRole: 'system',
		now: step.now,
		today: step.today,
		seq: step.seq
	};
	for (const r of end)
		await transitionRequest(
			db,
			r.row,
			{ ...system, event: 'endForChange', reason: 'changeContract' },
			'office'
		);
	// The reason never names the other Kita: staff of this Kita only learn that a contract exists.
	for (const r of close)
		await transitionRequest(
			db,
			r.row,
			{ ...system, event: 'placeElsewhere', reason: 'contractElsewhere' },
			'office'
		);
	await touchChildRequests(db, contract.child_id, step.seq);
	return [...end, ...close].map((r) => r.id);
}
