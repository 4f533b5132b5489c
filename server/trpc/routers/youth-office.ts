// The youth office's procedures that need an answer at once (online): the state of the Kita
// years and the carry-over, closing an allocation, reports, the audit viewer, and open requests
// per Kita (before a deactivation), possible duplicates of two walk-ins that only the youth
// office links, and the hardship cases it decided (issue 17). Catalogue edits themselves are sync mutations.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { officeDecideDuplicateSchema } from '../../../src/lib/domain/staff';
import { findChildSchema, recordHardshipSchema } from '../../../src/lib/domain/hardship';
import { recordHardship } from '../../commands/hardship';
import { findChildren, hardshipCases } from '../../services/hardship';
import { randomInt } from 'node:crypto';
import { runRound } from '../../../src/lib/domain/allocation/round';
import {
	auditQuerySchema,
	kitaYearIdSchema,
	reportQuerySchema,
	roundQuerySchema
} from '../../../src/lib/domain/youth-office';
import { userActor } from '../../commands/context';
import { officeDecideDuplicate } from '../../commands/duplicates';
import { closeAllocation } from '../../commands/kita-years';
import { startRound } from '../../commands/offer-rounds';
import { Refusal } from '../../commands/refusal';
import { runCommand } from '../../commands/run';
import { audit } from '../../services/audit';
import { listAudit } from '../../services/audit-log';
import { kitaYearStatus, openRequestsByKita } from '../../services/catalogue-admin';
import { listOfficeDuplicates } from '../../services/duplicates';
import { yearReport } from '../../services/reports';
import { roundInput } from '../../services/round-input';
import { listRounds } from '../../services/offer-rounds';
import { defaultRoundDeadline } from '../../../src/lib/domain/allocation/offer-round';
import { dayOfInstant } from '../../../src/lib/domain/calendar-day';
import { roundsQuerySchema, startRoundSchema } from '../../../src/lib/domain/allocation/offer-round-schemas';
import { roleProcedure, router } from '../init';

const admin = roleProcedure;

export const youthOfficeRouter = router({
	/** Open requests per Kita: a Kita with open requests cannot be deactivated. */
	openRequests: admin.query(({ ctx }) => openRequestsByKita(ctx.app.database.db)),

	/** Per Kita year: closed early?, the carry-overs so far, requests still waiting. */
	kitaYearStatus: admin.query(({ ctx }) => kitaYearStatus(ctx.app.database.db)),

	/** Ends the allocation of a year now and carries its waiting requests over at once. */
	closeAllocation: admin
		.input(z.object({ kitaYearId: kitaYearIdSchema }))
		.mutation(async ({ ctx, input }) => {
			try {
				const result = await runCommand(ctx.app, userActor(ctx.session), (c) =>
					closeAllocation(c, input.kitaYearId)
				);
				return {
					moved: result?.moved.length ?? 0,
					skipped: result?.skipped.length ?? 0,
					toKitaYearId: result?.toKitaYearId ?? null
				};
			} catch (error) {
				if (error instanceof Refusal && error.code === 'notFound')
					throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
				throw error;
			}
		}),

	report: admin.input(reportQuerySchema).query(async ({ ctx, input }) => {
		const now = ctx.app.now();
		const report = await yearReport(ctx.app.database.db, input.kitaYearId, now, input.municipalityId);
		if (!report) throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
		await audit(
			ctx.app.database.db,
			{ action: 'report.read', actor: ctx.session, targetType: 'kitaYear', targetId: input.kitaYearId },
			now
		);
		return { generatedAt: now.toISOString(), ...report };
	}),

	/**
	 * What an offer round would propose now (issue 17, point 3): per Kita, the waiting requests it
	 * should offer its free places to, by Kita-proposing deferred acceptance over the Kitas' published
	 * criteria and the parents' rankings. Computed, not stored; the seed that broke the ties is
	 * returned, and the same seed on the same data gives the same proposal.
	 */
	roundProposal: admin.input(roundQuerySchema).query(async ({ ctx, input }) => {
		const seed = input.seed ?? randomInt(2_147_483_647);
		const loaded = await roundInput(ctx.app.database.db, input.kitaYearId, seed);
		if (!loaded) throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
		const started = performance.now();
		const result = runRound(loaded.input);
		const ms = performance.now() - started;
		const requestOf = new Map(loaded.requests.map((r) => [`${r.childId}|${r.facilityId}`, r.requestId]));
		await audit(
			ctx.app.database.db,
			{ action: 'report.read', actor: ctx.session, targetType: 'round', targetId: input.kitaYearId },
			ctx.app.now()
		);
		return {
			kitaYearId: input.kitaYearId,
			seed: result.seed,
			children: loaded.input.children.length,
			unmatched: result.unmatched.length,
			ms,
			kitas: result.proposals
				.filter((p) => p.offers.length > 0)
				.map((p) => ({
					facilityId: p.kitaId,
					requestIds: p.offers.map((o) => requestOf.get(`${o.childId}|${p.kitaId}`) ?? '')
				}))
		};
	}),

	/**
	 * Starts an offer round for a Kita year with a deadline (default: three working days): the
	 * proposal is computed with a drawn seed, which is recorded, and stored per Kita; each Kita's
	 * staff get theirs through their pull. One open round per Kita year.
	 */
	startRound: admin.input(startRoundSchema).mutation(async ({ ctx, input }) => {
		const seed = randomInt(2_147_483_647);
		const result = await runCommand(ctx.app, userActor(ctx.session), (c) => startRound(c, input, seed));
		if (result.ok) return result;
		if (result.code === 'notFound') throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
		if (result.code === 'roundOpen') throw new TRPCError({ code: 'CONFLICT', message: 'roundOpen' });
		throw new TRPCError({
			code: 'BAD_REQUEST',
			message: result.code === 'invalidDeadline' ? result.issue : result.code
		});
	}),

	/** The rounds of a Kita year, newest first: per Kita open, sent, changed and sent, or lapsed. */
	rounds: admin.input(roundsQuerySchema).query(async ({ ctx, input }) => ({
		rounds: await listRounds(ctx.app.database.db, input.kitaYearId),
		/** What the start form offers: three working days from the server's today. */
		defaultDeadline: defaultRoundDeadline(dayOfInstant(ctx.app.now()))
	})),

	audit: admin.input(auditQuerySchema).query(async ({ ctx, input }) => {
		const result = await listAudit(ctx.app.database.db, input);
		// Reading the trail is itself recorded (who looked at whose traces).
		await audit(
			ctx.app.database.db,
			{
				action: 'audit.read',
				actor: ctx.session,
				targetType: 'audit',
				targetId: input.target || input.actor || null
			},
			ctx.app.now()
		);
		return result;
	}),

	/**
	 * Children born on the day with the name given, registered at a Kita (issue 17: a hardship
	 * decision is recorded for one of them); a read of children, audited.
	 */
	findChildren: admin.input(findChildSchema).query(async ({ ctx, input }) => {
		const found = await findChildren(ctx.app.database.db, input);
		// Each child shown is a read of that child (who saw whom is answerable, and shows in the
		// family's export); a search that found nobody is recorded as the search.
		const now = ctx.app.now();
		const reads = found.length ? found.map((c) => c.childId) : [null];
		for (const childId of reads)
			await audit(
				ctx.app.database.db,
				{
					action: 'child.read',
					actor: ctx.session,
					targetType: childId ? 'child' : 'hardshipSearch',
					targetId: childId
				},
				now
			);
		return found;
	}),

	/** Every child with a decided hardship case; a read of children, audited. */
	hardshipCases: admin.query(async ({ ctx }) => {
		const list = await hardshipCases(ctx.app.database.db);
		await audit(
			ctx.app.database.db,
			{ action: 'child.read', actor: ctx.session, targetType: 'hardshipCases', targetId: null },
			ctx.app.now()
		);
		return list;
	}),

	/** Records a decided hardship case (day and file reference) or takes it back; audited. */
	recordHardship: admin.input(recordHardshipSchema).mutation(async ({ ctx, input }) => {
		try {
			await runCommand(ctx.app, userActor(ctx.session), (c) => recordHardship(c, input));
			return { ok: true as const };
		} catch (error) {
			if (!(error instanceof Refusal)) throw error;
			if (error.code === 'notFound') throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
			throw new TRPCError({ code: 'BAD_REQUEST', message: 'decidedInFuture' });
		}
	}),

	/** Pairs of two walk-ins a Kita proposed to link: both records side by side (a read of both). */
	duplicates: admin.query(async ({ ctx }) => {
		const list = await listOfficeDuplicates(ctx.app.database.db);
		await audit(
			ctx.app.database.db,
			{ action: 'family.read', actor: ctx.session, targetType: 'duplicateCandidates', targetId: null },
			ctx.app.now()
		);
		return list;
	}),

	/** Links two walk-ins into one record ("same child") or keeps them apart; audited. */
	decideDuplicate: admin.input(officeDecideDuplicateSchema).mutation(async ({ ctx, input }) => {
		try {
			await runCommand(ctx.app, userActor(ctx.session), (c) => officeDecideDuplicate(c, input));
			return { ok: true as const };
		} catch (error) {
			if (!(error instanceof Refusal)) throw error;
			if (error.code === 'notFound') throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
			// Decided before, or one side was linked elsewhere meanwhile: the list is out of date.
			throw new TRPCError({ code: 'CONFLICT', message: 'staleStatus' });
		}
	})
});
