// Mutations Kita staff send: offers, answers, Absagen and contracts on their own Kita's requests,
// walk-in registrations and the decision on possible duplicates. Staff of Kita X act on Kita X only.
import type { Selectable } from 'kysely';
import { facilityOf, kitaYearOf, toRequest } from '../../services/requests';
import { applyContract, notifyChildStatus, usersConcerned } from '../../services/placement';
import { createWalkin, decideDuplicate, renewClaimCode } from '../../services/walkins';
import type { RequestsTable } from '../../db/schema';
import { checkOffer } from '../../../src/lib/domain/staff';
import { offerExpiresAt } from '../../../src/lib/domain/kita-year';
import { Refusal } from '../../commands/refusal';
import { auditAs, transitionAs, worksAt, type Move } from './caller';
import type { UserCommandContext } from '../../commands/context';
import type { MutatorRegistry } from './context';

/** A request of one of the caller's Kitas; anything else looks as if it did not exist. */
async function ownKitaRequest(
	ctx: UserCommandContext,
	requestId: string
): Promise<Selectable<RequestsTable>> {
	const row = await ctx.tx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirst();
	if (!row || !worksAt(ctx.actor, row.facility_id)) throw new Refusal('notFound', 'request.notFound');
	return row;
}

/** After a status change: mail the family, poke everyone who sees the child, write the audit. */
async function afterTransition(
	ctx: UserCommandContext,
	row: Pick<Selectable<RequestsTable>, 'id' | 'child_id'>
): Promise<void> {
	await notifyChildStatus(ctx.tx, row.child_id, ctx.now, ctx.origin);
	for (const id of await usersConcerned(ctx.tx, row.child_id)) ctx.effects.poke.add(id);
	await auditAs(ctx, 'request.transition', 'request', row.id);
}

/** A staff step on a request of their own Kita. `move` may look at the row first and refuse. */
async function stepKitaRequest(
	ctx: UserCommandContext,
	requestId: string,
	move: (row: Selectable<RequestsTable>) => Move | Promise<Move>
): Promise<void> {
	const row = await ownKitaRequest(ctx, requestId);
	await transitionAs(ctx, row, 'staff', await move(row));
	await afterTransition(ctx, row);
}

export const staffMutators: MutatorRegistry = {
	makeOffer: {
		async command(ctx, args) {
			await stepKitaRequest(ctx, args.requestId, async (row) => {
				const facility = await facilityOf(ctx.tx, row.facility_id);
				const year = await kitaYearOf(ctx.tx, row.kita_year_id);
				const issues = checkOffer(args, facility, year, ctx.today);
				if (issues.length)
					throw new Refusal('invalidOffer', 'offer.invalid', { issues, current: toRequest(row, 'staff') });
				// The response time runs from when the server got the offer, never from a client clock.
				return {
					event: 'offer',
					expectedStatus: args.expectedStatus,
					set: {
						offered_at: ctx.now.toISOString(),
						offer_expires_at: offerExpiresAt(ctx.now, year).toISOString(),
						offer_start_date: args.startDate,
						offer_weekly_hours: args.weeklyHours,
						offer_note: args.note
					}
				};
			});
		}
	},
	withdrawOffer: {
		async command(ctx, args) {
			await stepKitaRequest(ctx, args.requestId, () => ({
				event: 'withdrawOffer',
				expectedStatus: args.expectedStatus,
				set: {
					offered_at: null,
					offer_expires_at: null,
					offer_start_date: null,
					offer_weekly_hours: null,
					offer_note: null
				}
			}));
		}
	},
	rejectRequest: {
		async command(ctx, args) {
			await stepKitaRequest(ctx, args.requestId, () => ({
				event: 'reject',
				expectedStatus: args.expectedStatus,
				reason: args.reason,
				set: { reject_reason: args.reason, reject_note: args.note }
			}));
		}
	},
	recordAnswer: {
		async command(ctx, args) {
			await stepKitaRequest(ctx, args.requestId, () => ({
				event: args.answer,
				expectedStatus: args.expectedStatus,
				// Given in person or by phone, recorded by staff (the event's actor says so).
				reason: 'answerRecordedByStaff'
			}));
		}
	},
	concludeContract: {
		async command(ctx, args) {
			const row = await ownKitaRequest(ctx, args.requestId);
			const contracted = await transitionAs(ctx, row, 'staff', {
				event: 'contract',
				expectedStatus: args.expectedStatus,
				set: { contracted_at: ctx.now.toISOString() }
			});
			// Same transaction: no Kita can act on this child's other requests in between.
			await applyContract(ctx.tx, contracted, { now: ctx.now, today: ctx.today, seq: await ctx.seq() });
			await afterTransition(ctx, row);
		}
	},
	createWalkin: {
		async command(ctx, args) {
			if (!worksAt(ctx.actor, args.facilityId)) throw new Refusal('notPermitted', 'walkin.notPermitted');
			await createWalkin(ctx, args);
		}
	},
	renewClaimCode: {
		async command(ctx, args) {
			await renewClaimCode(ctx, args);
		}
	},
	// A proposal only: the family or the youth office confirms (services/walkins.ts).
	decideDuplicate: {
		async command(ctx, args) {
			await decideDuplicate(ctx, args);
		}
	},
	auditRead: {
		async command(ctx, args) {
			// Written when the mutation arrives, so openings made offline are recorded too.
			if (args.kind === 'queueExport') {
				if (!worksAt(ctx.actor, args.id)) throw new Refusal('notPermitted', 'audit.notPermitted');
				await auditAs(ctx, 'export.download', 'facility', args.id);
				return;
			}
			const row = await ownKitaRequest(ctx, args.id);
			await auditAs(ctx, 'request.read', args.kind, row.id);
		}
	}
};
