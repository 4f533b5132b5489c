// Mutations parents send: their family, children, registrations, answers and child-minding.
import type { Selectable } from 'kysely';
import { compareDays } from '../../../src/lib/domain/calendar-day';
import { isBorn } from '../../../src/lib/domain/kita-year';
import { isOpen, type RequestStatus } from '../../../src/lib/domain/placement';
import type { RequestsTable } from '../../db/schema';
import type { AuditAction } from '../../services/audit';
import { listKitaYears, toFacility } from '../../services/catalogue';
import {
	childrenHeldBy,
	ensureFamily,
	familyOfUser,
	nextNumber,
	saveChild,
	saveGuardian,
	toChild
} from '../../services/families';
import {
	assertIdsFree,
	insertRegisteredRequest,
	insertRegistration,
	kitaYearOfItem
} from '../../services/new-requests';
import { notifyChildminding, notifyRegistration } from '../../services/notifications';
import { facilityOf, toRequest } from '../../services/requests';
import { answerLinkQuestion, detectWalkinMatches } from '../../services/walkins';
import { Refusal } from '../../commands/refusal';
import { staffOf } from './audiences';
import { auditAs, transitionAs, type Move } from './caller';
import { childmindingWritten, stepChildminding } from './childminding-step';
import type { UserCommandContext } from '../../commands/context';
import type { MutatorRegistry } from './context';

async function ownFamily(ctx: UserCommandContext): Promise<string> {
	return ensureFamily(ctx.tx, ctx.actor.userId, await ctx.seq(), ctx.now);
}

/**
 * A child of the parent's family that can take requests. A record linked into another child
 * ("same child") cannot: its requests belong to the surviving record's family (childrenHeldBy).
 */
async function ownChild(ctx: UserCommandContext, childId: string) {
	const family = await familyOfUser(ctx.tx, ctx.actor.userId);
	const child = family
		? await ctx.tx
				.selectFrom('children')
				.selectAll()
				.where('id', '=', childId)
				.where('family_id', '=', family.id)
				.executeTakeFirst()
		: undefined;
	if (!family || !child) throw new Refusal('notFound', 'child.notFound');
	if (child.merged_into !== null) throw new Refusal('linkedElsewhere', 'child.linked');
	return { familyId: family.id, child };
}

/**
 * Refuses a request or child-minding request the family does not hold. When one of the family's own
 * records was linked into the row's child (another account's child, whose family holds the row now:
 * childrenHeldBy), the parent learns that instead of "not found".
 */
async function refuseNotHeld(
	ctx: UserCommandContext,
	table: 'requests' | 'childminder_requests',
	id: string,
	kind: 'request' | 'childminding'
): Promise<never> {
	const family = await familyOfUser(ctx.tx, ctx.actor.userId);
	const row = await ctx.tx.selectFrom(table).select('child_id').where('id', '=', id).executeTakeFirst();
	const linked =
		family && row
			? await ctx.tx
					.selectFrom('children')
					.select('id')
					.where('family_id', '=', family.id)
					.where('merged_into', '=', row.child_id)
					.executeTakeFirst()
			: undefined;
	if (linked) throw new Refusal('linkedElsewhere', `${kind}.linked`);
	throw new Refusal('notFound', `${kind}.notFound`);
}

/**
 * A request the parent may act on: of a child the family holds (the same rule as the pull scope)
 * and made by the family itself. A link merges the view, not the control: the family that confirmed
 * a link sees the walk-in's request, but only the Kita acts on it for the family that registered in
 * person (the security review of issue 12).
 */
async function ownRequest(ctx: UserCommandContext, requestId: string): Promise<Selectable<RequestsTable>> {
	const row = await ctx.tx
		.selectFrom('requests')
		.selectAll()
		.where('id', '=', requestId)
		.where('child_id', 'in', childrenHeldBy(ctx.tx, ctx.actor.userId))
		.executeTakeFirst();
	if (!row) return refuseNotHeld(ctx, 'requests', requestId, 'request');
	const mine = await ctx.tx
		.selectFrom('registrations')
		.innerJoin('families', 'families.id', 'registrations.family_id')
		.select('registrations.id')
		.where('registrations.id', '=', row.registration_id)
		.where('families.owner_user_id', '=', ctx.actor.userId)
		.executeTakeFirst();
	if (!mine) throw new Refusal('registeredElsewhere', 'request.registeredElsewhere');
	return row;
}

/**
 * A parent's step on one of their requests; the Kita's staff hold the request and are poked.
 * `move` may look at the row first and refuse.
 */
async function stepOwnRequest(
	ctx: UserCommandContext,
	requestId: string,
	move: (row: Selectable<RequestsTable>) => Move | Promise<Move>,
	action: AuditAction = 'request.transition'
): Promise<void> {
	const row = await ownRequest(ctx, requestId);
	await transitionAs(ctx, row, 'parent', await move(row));
	for (const id of await staffOf(ctx.tx, [row.facility_id])) ctx.effects.poke.add(id);
	await auditAs(ctx, action, 'request', row.id);
}

export const parentMutators: MutatorRegistry = {
	answerLinkQuestion: {
		async command(ctx, args) {
			await answerLinkQuestion(ctx, args);
		}
	},
	saveGuardian: {
		async command(ctx, args) {
			const familyId = await ownFamily(ctx);
			const existing = await ctx.tx
				.selectFrom('guardians')
				.select(['family_id', 'position'])
				.where('id', '=', args.id)
				.executeTakeFirst();
			if (existing && existing.family_id !== familyId) throw new Refusal('notFound', 'guardian.notFound');
			const taken = await ctx.tx
				.selectFrom('guardians')
				.select('id')
				.where('family_id', '=', familyId)
				.where('position', '=', args.position)
				.where('id', '!=', args.id)
				.executeTakeFirst();
			if (taken) throw new Refusal('positionTaken', 'guardian.positionTaken');
			await saveGuardian(ctx.tx, familyId, args, await ctx.seq(), ctx.now);
			await auditAs(ctx, 'family.write', 'guardian', args.id);
		}
	},
	saveChild: {
		async command(ctx, args) {
			// Only children already born can be registered (FAQ); the server's day decides.
			if (!isBorn(args.birthDate, ctx.today)) throw new Refusal('notBorn', 'child.notBorn');
			const familyId = await ownFamily(ctx);
			const existing = await ctx.tx
				.selectFrom('children')
				.select('family_id')
				.where('id', '=', args.id)
				.executeTakeFirst();
			if (existing && existing.family_id !== familyId) throw new Refusal('notFound', 'child.notFound');
			await saveChild(ctx.tx, familyId, args, await ctx.seq(), ctx.now);
			// The same child may have been registered in person at a Kita before (walk-in).
			for (const id of await detectWalkinMatches(ctx.tx, args.id, await ctx.seq(), ctx.now))
				ctx.effects.poke.add(id);
			await auditAs(ctx, 'child.write', 'child', args.id);
		}
	},
	submitRegistration: {
		async command(ctx, args) {
			const { familyId, child } = await ownChild(ctx, args.childId);
			const seq = await ctx.seq();
			const years = await listKitaYears(ctx.tx);
			const ids = args.items.map((i) => i.facilityId);
			if (new Set(ids).size !== ids.length) throw new Refusal('duplicateKita', 'registration.duplicateKita');
			await assertIdsFree(ctx.tx, {
				registrations: [args.registrationId],
				requests: args.items.map((i) => i.requestId)
			});
			const facilities = new Map(
				(await ctx.tx.selectFrom('facilities').selectAll().where('id', 'in', ids).execute()).map((r) => [
					r.id,
					toFacility(r)
				])
			);
			const openRequests = await ctx.tx
				.selectFrom('requests')
				.select(['facility_id', 'kita_year_id', 'status', 'rank'])
				.where('child_id', '=', child.id)
				.execute();
			const number = await nextNumber(ctx.tx, `KP-${ctx.today.slice(0, 4)}`);
			await insertRegistration(
				ctx.tx,
				{
					id: args.registrationId,
					number,
					familyId,
					childId: child.id,
					submittedBy: ctx.actor.userId,
					source: 'online'
				},
				seq,
				ctx.now
			);
			const names: string[] = [];
			for (const [index, item] of args.items.entries()) {
				const facility = facilities.get(item.facilityId);
				if (!facility)
					throw new Refusal('facilityNotFound', 'registration.facilityNotFound', {
						facilityId: item.facilityId
					});
				const year = kitaYearOfItem(item, facility, child.birth_date, years, ctx.today, (issues) => ({
					facilityId: item.facilityId,
					issues
				}));
				if (
					openRequests.some(
						(r) =>
							r.facility_id === item.facilityId &&
							r.kita_year_id === year.id &&
							isOpen(r.status as RequestStatus)
					)
				)
					throw new Refusal('alreadyRegistered', 'registration.alreadyRegistered', {
						facilityId: item.facilityId
					});
				const rankBase = Math.max(
					0,
					...openRequests.filter((r) => r.kita_year_id === year.id).map((r) => r.rank)
				);
				await insertRegisteredRequest(
					ctx.tx,
					{
						...item,
						id: item.requestId,
						registrationId: args.registrationId,
						childId: child.id,
						kitaYearId: year.id,
						rank: rankBase + index + 1
					},
					{ actorId: ctx.actor.userId, actorRole: 'parent' },
					seq,
					ctx.now
				);
				for (const id of await staffOf(ctx.tx, [item.facilityId])) ctx.effects.poke.add(id);
				names.push(`${facility.name}, ${facility.postcode} ${facility.town}`);
			}
			for (const id of await detectWalkinMatches(ctx.tx, child.id, seq, ctx.now)) ctx.effects.poke.add(id);
			await notifyRegistration(
				ctx.tx,
				{
					familyId,
					registrationId: args.registrationId,
					number,
					childFirstName: child.first_name,
					kitas: names
				},
				ctx.now,
				ctx.origin
			);
			await auditAs(ctx, 'request.write', 'registration', args.registrationId);
		}
	},
	updateRequest: {
		async command(ctx, args) {
			await stepOwnRequest(
				ctx,
				args.requestId,
				async (row) => {
					const child = toChild(
						await ctx.tx
							.selectFrom('children')
							.selectAll()
							.where('id', '=', row.child_id)
							.executeTakeFirstOrThrow()
					);
					const facility = await facilityOf(ctx.tx, row.facility_id);
					const years = await listKitaYears(ctx.tx);
					const year = kitaYearOfItem(args, facility, child.birthDate, years, ctx.today, (issues) => ({
						issues,
						current: toRequest(row, 'parent')
					}));
					return {
						event: 'update',
						expectedStatus: args.expectedStatus,
						set: {
							start_date: args.startDate,
							weekly_hours: args.weeklyHours,
							change_request: args.changeRequest ? 1 : 0,
							comment: args.comment,
							kita_year_id: year.id
						}
					};
				},
				'request.write'
			);
		}
	},
	rankRequests: {
		async command(ctx, args) {
			const { child } = await ownChild(ctx, args.childId);
			const rows = await ctx.tx
				.selectFrom('requests')
				.select(['id', 'rank'])
				.where('child_id', '=', child.id)
				.where('kita_year_id', '=', args.kitaYearId)
				.execute();
			const known = new Set(rows.map((r) => r.id));
			if (args.order.some((id) => !known.has(id))) throw new Refusal('notFound', 'request.notFound');
			const seq = await ctx.seq();
			// Requests missing from the order (e.g. made on another device meanwhile) keep their place behind.
			const rest = rows
				.filter((r) => !args.order.includes(r.id))
				.sort((a, b) => a.rank - b.rank)
				.map((r) => r.id);
			for (const [index, id] of [...args.order, ...rest].entries()) {
				await ctx.tx
					.updateTable('requests')
					.set({ rank: index + 1, seq, updated_at: ctx.now.toISOString() })
					.where('id', '=', id)
					.execute();
			}
		}
	},
	withdrawRequest: {
		async command(ctx, args) {
			await stepOwnRequest(ctx, args.requestId, () => ({
				event: 'withdraw',
				expectedStatus: args.expectedStatus
			}));
		}
	},
	answerOffer: {
		async command(ctx, args) {
			await stepOwnRequest(ctx, args.requestId, () => ({
				event: args.answer,
				expectedStatus: args.expectedStatus
			}));
		}
	},
	submitChildminding: {
		async command(ctx, args) {
			const { familyId, child } = await ownChild(ctx, args.childId);
			if (compareDays(args.startDate, child.birth_date) < 0)
				throw new Refusal('startBeforeBirth', 'childminding.startBeforeBirth');
			if (compareDays(args.startDate, ctx.today) < 0)
				throw new Refusal('startInPast', 'childminding.startInPast');
			await assertIdsFree(ctx.tx, { childminder_requests: [args.id] });
			const seq = await ctx.seq();
			const number = await nextNumber(ctx.tx, `TP-${ctx.today.slice(0, 4)}`);
			await ctx.tx
				.insertInto('childminder_requests')
				.values({
					id: args.id,
					number,
					family_id: familyId,
					child_id: child.id,
					start_date: args.startDate,
					weekly_hours: args.weeklyHours,
					comment: args.comment,
					status: 'submitted',
					internal_note: '',
					submitted_at: ctx.now.toISOString(),
					updated_at: ctx.now.toISOString(),
					seq
				})
				.execute();
			for (const id of await detectWalkinMatches(ctx.tx, child.id, seq, ctx.now)) ctx.effects.poke.add(id);
			await notifyChildminding(
				ctx.tx,
				{
					familyId,
					number,
					childFirstName: child.first_name,
					officeAddress: ctx.officeAddress
				},
				ctx.now,
				ctx.origin
			);
			await childmindingWritten(ctx, args.id);
		}
	},
	withdrawChildminding: {
		async command(ctx, args) {
			const row = await ctx.tx
				.selectFrom('childminder_requests')
				.selectAll()
				.where('id', '=', args.id)
				.where('child_id', 'in', childrenHeldBy(ctx.tx, ctx.actor.userId))
				.executeTakeFirst();
			if (!row) return refuseNotHeld(ctx, 'childminder_requests', args.id, 'childminding');
			// As with requests: only the family that sent it withdraws it.
			const family = await familyOfUser(ctx.tx, ctx.actor.userId);
			if (row.family_id !== family?.id)
				throw new Refusal('registeredElsewhere', 'childminding.registeredElsewhere');
			await stepChildminding(
				ctx,
				row,
				{ event: 'withdraw', actor: 'parent', expectedStatus: args.expectedStatus },
				{ id: row.id, status: row.status }
			);
			await childmindingWritten(ctx, row.id);
		}
	}
};
