// Mutations Kita staff send: offers, answers, Absagen and contracts on their own Kita's requests,
// walk-in registrations and the decision on possible duplicates. Staff of Kita X act on Kita X only.
import type { Selectable } from 'kysely';
import type { AuthSession } from '../../auth/session';
import { kitaYearOf, toRequest, transitionRequest, type TransitionInput } from '../../services/requests';
import { audit, type AuditAction } from '../../services/audit';
import { toFacility } from '../../services/catalogue';
import { applyContract, notifyChildStatus, usersConcerned } from '../../services/placement';
import { createWalkin, decideDuplicate, renewClaimCode } from '../../services/walkins';
import type { RequestsTable } from '../../db/schema';
import { checkOffer } from '../../../src/lib/domain/staff';
import { offerExpiresAt } from '../../../src/lib/domain/kita-year';
import { Refusal } from '../refusal';
import type { MutatorContext, MutatorRegistry } from './context';

export function worksAt(session: Pick<AuthSession, 'facilityIds'>, facilityId: string): boolean {
	return (session.facilityIds as readonly string[]).includes(facilityId);
}

/** A request of one of the caller's Kitas; anything else looks as if it did not exist. */
async function ownKitaRequest(ctx: MutatorContext, requestId: string): Promise<Selectable<RequestsTable>> {
	const row = await ctx.tx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirst();
	if (!row || !worksAt(ctx.session, row.facility_id)) throw new Refusal('notFound', 'request.notFound');
	return row;
}

type StaffStep = Omit<TransitionInput, 'event' | 'expectedStatus' | 'set' | 'reason'>;

async function staffStep(ctx: MutatorContext): Promise<StaffStep> {
	return {
		actor: 'staff',
		actorId: ctx.session.userId,
		actorRole: 'staff',
		now: ctx.now,
		today: ctx.today,
		seq: await ctx.seq()
	};
}

/** After a status change: mail the family, poke everyone who sees the child, write the audit. */
async function afterTransition(
	ctx: MutatorContext,
	row: Pick<Selectable<RequestsTable>, 'id' | 'child_id'>,
	action: AuditAction = 'request.transition'
): Promise<void> {
	await notifyChildStatus(ctx.tx, row.child_id, ctx.now, ctx.app.config.origin);
	for (const id of await usersConcerned(ctx.tx, row.child_id)) ctx.affected.add(id);
	await audit(ctx.tx, { action, actor: ctx.session, targetType: 'request', targetId: row.id }, ctx.now);
}

export const staffMutators: MutatorRegistry = {
	makeOffer: {
		roles: ['staff'],
		async run(ctx, args) {
			const row = await ownKitaRequest(ctx, args.requestId);
			const facility = toFacility(
				await ctx.tx
					.selectFrom('facilities')
					.selectAll()
					.where('id', '=', row.facility_id)
					.executeTakeFirstOrThrow()
			);
			const year = await kitaYearOf(ctx.tx, row.kita_year_id);
			const issues = checkOffer(args, facility, year, ctx.today);
			if (issues.length)
				throw new Refusal('invalidOffer', 'offer.invalid', { issues, current: toRequest(row, 'staff') });
			// The response time runs from when the server got the offer, never from a client clock.
			await transitionRequest(
				ctx.tx,
				row,
				{
					...(await staffStep(ctx)),
					event: 'offer',
					expectedStatus: args.expectedStatus,
					set: {
						offered_at: ctx.now.toISOString(),
						offer_expires_at: offerExpiresAt(ctx.now, year).toISOString(),
						offer_start_date: args.startDate,
						offer_weekly_hours: args.weeklyHours,
						offer_note: args.note
					}
				},
				'staff'
			);
			await afterTransition(ctx, row);
		}
	},
	withdrawOffer: {
		roles: ['staff'],
		async run(ctx, args) {
			const row = await ownKitaRequest(ctx, args.requestId);
			await transitionRequest(
				ctx.tx,
				row,
				{
					...(await staffStep(ctx)),
					event: 'withdrawOffer',
					expectedStatus: args.expectedStatus,
					set: {
						offered_at: null,
						offer_expires_at: null,
						offer_start_date: null,
						offer_weekly_hours: null,
						offer_note: null
					}
				},
				'staff'
			);
			await afterTransition(ctx, row);
		}
	},
	rejectRequest: {
		roles: ['staff'],
		async run(ctx, args) {
			const row = await ownKitaRequest(ctx, args.requestId);
			await transitionRequest(
				ctx.tx,
				row,
				{
					...(await staffStep(ctx)),
					event: 'reject',
					expectedStatus: args.expectedStatus,
					reason: args.reason,
					set: { reject_reason: args.reason, reject_note: args.note }
				},
				'staff'
			);
			await afterTransition(ctx, row);
		}
	},
	recordAnswer: {
		roles: ['staff'],
		async run(ctx, args) {
			const row = await ownKitaRequest(ctx, args.requestId);
			await transitionRequest(
				ctx.tx,
				row,
				{
					...(await staffStep(ctx)),
					event: args.answer,
					expectedStatus: args.expectedStatus,
					// Given in person or by phone, recorded by staff (the event's actor says so).
					reason: 'answerRecordedByStaff'
				},
				'staff'
			);
			await afterTransition(ctx, row);
		}
	},
	concludeContract: {
		roles: ['staff'],
		async run(ctx, args) {
			const row = await ownKitaRequest(ctx, args.requestId);
			const step = await staffStep(ctx);
			const contracted = await transitionRequest(
				ctx.tx,
				row,
				{
					...step,
					event: 'contract',
					expectedStatus: args.expectedStatus,
					set: { contracted_at: ctx.now.toISOString() }
				},
				'staff'
			);
			// Same transaction: no Kita can act on this child's other requests in between.
			await applyContract(ctx.tx, contracted, step);
			await afterTransition(ctx, row);
		}
	},
	createWalkin: {
		roles: ['staff'],
		async run(ctx, args) {
			if (!worksAt(ctx.session, args.facilityId)) throw new Refusal('notPermitted', 'walkin.notPermitted');
			await createWalkin(ctx, args);
		}
	},
	renewClaimCode: {
		roles: ['staff'],
		async run(ctx, args) {
			await renewClaimCode(ctx, args);
		}
	},
	decideDuplicate: {
		roles: ['staff'],
		async run(ctx, args) {
			await decideDuplicate(ctx, args);
		}
	},
	auditRead: {
		roles: ['staff'],
		async run(ctx, args) {
			// Written when the mutation arrives, so openings made offline are recorded too.
			if (args.kind === 'queueExport') {
				if (!worksAt(ctx.session, args.id)) throw new Refusal('notPermitted', 'audit.notPermitted');
				await audit(
					ctx.tx,
					{ action: 'export.download', actor: ctx.session, targetType: 'facility', targetId: args.id },
					ctx.now
				);
				return;
			}
			const row = await ownKitaRequest(ctx, args.id);
			await audit(
				ctx.tx,
				{ action: 'request.read', actor: ctx.session, targetType: args.kind, targetId: row.id },
				ctx.now
			);
		}
	}
};
