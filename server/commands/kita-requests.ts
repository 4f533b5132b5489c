// What Kita staff do to the requests of their own Kita: offers, answers given in person, Absagen
// and contracts — each one event of the placement machine through transitionRequest, whose effects
// table says who hears of it — and the audit of what they opened. Staff of Kita X act on Kita X only.
import type { Selectable } from 'kysely';
import { offerExpiresAt } from '../../src/lib/domain/kita-year';
import type { MutationArgs } from '../../src/lib/domain/mutations';
import { checkOffer } from '../../src/lib/domain/staff';
import type { RequestsTable } from '../db/schema';
import { audit } from '../services/audit';
import { facilityOf, kitaYearOf, toRequest } from '../services/requests';
import type { UserCommandContext } from './context';
import { assertProposalSent } from './offer-rounds';
import { Refusal } from './refusal';
import { applyContract, transitionRequest, type RequestMove } from './transition-request';

export function worksAt(session: { facilityIds: readonly string[] }, facilityId: string): boolean {
	return (session.facilityIds as readonly string[]).includes(facilityId);
}

/** A request of one of the caller's Kitas; anything else looks as if it did not exist. */
async function ownKitaRequest(
	ctx: UserCommandContext,
	requestId: string
): Promise<Selectable<RequestsTable>> {
	const row = await ctx.tx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirst();
	if (!row || !worksAt(ctx.actor, row.facility_id)) throw new Refusal('notFound', 'request.notFound');
	return row;
}

/** A staff step on a request of their own Kita. `move` may look at the row first and refuse. */
async function stepKitaRequest(
	ctx: UserCommandContext,
	requestId: string,
	move: (row: Selectable<RequestsTable>) => Omit<RequestMove, 'actor'> | Promise<Omit<RequestMove, 'actor'>>
): Promise<Selectable<RequestsTable>> {
	const row = await ownKitaRequest(ctx, requestId);
	return transitionRequest(ctx, row, { ...(await move(row)), actor: 'staff' }, 'staff');
}

export async function makeOffer(ctx: UserCommandContext, args: MutationArgs<'makeOffer'>): Promise<void> {
	await stepKitaRequest(ctx, args.requestId, async (row) => {
		if (args.proposalId) await assertProposalSent(ctx, args.proposalId, row);
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

export async function withdrawOffer(
	ctx: UserCommandContext,
	args: MutationArgs<'withdrawOffer'>
): Promise<void> {
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

export async function rejectRequest(
	ctx: UserCommandContext,
	args: MutationArgs<'rejectRequest'>
): Promise<void> {
	await stepKitaRequest(ctx, args.requestId, () => ({
		event: 'reject',
		expectedStatus: args.expectedStatus,
		reason: args.reason,
		set: { reject_reason: args.reason, reject_note: args.note }
	}));
}

export async function recordAnswer(
	ctx: UserCommandContext,
	args: MutationArgs<'recordAnswer'>
): Promise<void> {
	await stepKitaRequest(ctx, args.requestId, () => ({
		event: args.answer,
		expectedStatus: args.expectedStatus,
		// Given in person or by phone, recorded by staff (the event's actor says so).
		reason: 'answerRecordedByStaff'
	}));
}

export async function concludeContract(
	ctx: UserCommandContext,
	args: MutationArgs<'concludeContract'>
): Promise<void> {
	const contracted = await stepKitaRequest(ctx, args.requestId, () => ({
		event: 'contract',
		expectedStatus: args.expectedStatus,
		set: { contracted_at: ctx.now.toISOString() }
	}));
	// Same transaction: no Kita can act on this child's other requests in between.
	await applyContract(ctx, contracted);
}

/** Written when the mutation arrives, so openings made offline are recorded too. */
export async function auditRead(ctx: UserCommandContext, args: MutationArgs<'auditRead'>): Promise<void> {
	const actor = { userId: ctx.actor.userId, role: ctx.actor.role };
	if (args.kind === 'queueExport') {
		if (!worksAt(ctx.actor, args.id)) throw new Refusal('notPermitted', 'audit.notPermitted');
		await audit(
			ctx.tx,
			{ action: 'export.download', actor, targetType: 'facility', targetId: args.id },
			ctx.now
		);
		return;
	}
	const row = await ownKitaRequest(ctx, args.id);
	await audit(ctx.tx, { action: 'request.read', actor, targetType: args.kind, targetId: row.id }, ctx.now);
}
