// Mutations parents send: their family, children, registrations, answers and child-minding. The
// writes are commands (server/commands/); a parent's step of its own request or child-minding
// request goes through the transition command of its machine (server/commands/transition-*.ts).
import type { Selectable } from 'kysely';
import type { RequestsTable } from '../../db/schema';
import { isOpen, type RequestStatus } from '../../../src/lib/domain/placement';
import { rankInYear } from '../../../src/lib/domain/request';
import { listKitaYears } from '../../services/catalogue';
import { childrenHeldBy, familyOfUser, toChild } from '../../services/families';
import { facilityOf, toRequest } from '../../services/requests';
import { submitChildminding } from '../../commands/childminding-registration';
import { answerLinkQuestion } from '../../commands/duplicates';
import { saveChild, saveGuardian } from '../../commands/family';
import { kitaYearOfItem } from '../../commands/register-at-kitas';
import { rankRequests, submitRegistration } from '../../commands/registration';
import { Refusal } from '../../commands/refusal';
import { transitionAs, type Move } from './caller';
import { transitionChildminding } from '../../commands/transition-childminding';
import type { UserCommandContext } from '../../commands/context';
import type { MutatorRegistry } from './context';

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
 * A parent's step on one of their requests, through the transition command (its effects table says
 * who is poked and what is audited). `move` may look at the row first and refuse.
 */
async function stepOwnRequest(
	ctx: UserCommandContext,
	requestId: string,
	move: (row: Selectable<RequestsTable>) => Move | Promise<Move>
): Promise<void> {
	const row = await ownRequest(ctx, requestId);
	await transitionAs(ctx, row, 'parent', await move(row));
}

export const parentMutators: MutatorRegistry = {
	answerLinkQuestion: { command: answerLinkQuestion },
	saveGuardian: { command: saveGuardian },
	saveChild: { command: saveChild },
	submitRegistration: { command: submitRegistration },
	rankRequests: { command: rankRequests },
	submitChildminding: { command: submitChildminding },
	updateRequest: {
		async command(ctx, args) {
			await stepOwnRequest(ctx, args.requestId, async (row) => {
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
				const siblings = await ctx.tx
					.selectFrom('requests')
					.select(['id', 'kita_year_id as kitaYearId', 'rank', 'facility_id', 'status'])
					.where('child_id', '=', row.child_id)
					.execute();
				// As a registration refuses it: one open request per child, Kita and Kita year.
				if (
					siblings.some(
						(r) =>
							r.id !== row.id &&
							r.kitaYearId === year.id &&
							r.facility_id === row.facility_id &&
							isOpen(r.status as RequestStatus)
					)
				)
					throw new Refusal('alreadyRegistered', 'registration.alreadyRegistered', {
						facilityId: row.facility_id,
						current: toRequest(row, 'parent')
					});
				const rank = rankInYear(
					{ id: row.id, kitaYearId: row.kita_year_id, rank: row.rank },
					year.id,
					siblings
				);
				return {
					event: 'update',
					expectedStatus: args.expectedStatus,
					set: {
						start_date: args.startDate,
						weekly_hours: args.weeklyHours,
						change_request: args.changeRequest ? 1 : 0,
						comment: args.comment,
						kita_year_id: year.id,
						rank
					}
				};
			});
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
			await transitionChildminding(
				ctx,
				row,
				{ event: 'withdraw', actor: 'parent', expectedStatus: args.expectedStatus },
				{ id: row.id, status: row.status }
			);
		}
	}
};
