// The youth office's procedures that need an answer at once (online): the state of the Kita
// years and the carry-over, closing an allocation, reports, the audit viewer, and open requests
// per Kita (before a deactivation), and possible duplicates of two walk-ins that only the youth
// office links. Catalogue edits themselves are sync mutations.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { dayOfInstant } from '../../../src/lib/domain/calendar-day';
import { OPEN_STATUSES } from '../../../src/lib/domain/placement';
import { officeDecideDuplicateSchema } from '../../../src/lib/domain/staff';
import { auditQuerySchema, kitaYearIdSchema, reportQuerySchema } from '../../../src/lib/domain/youth-office';
import { closeAllocation } from '../../jobs/carry-over';
import { audit } from '../../services/audit';
import { listAudit } from '../../services/audit-log';
import { yearReport } from '../../services/reports';
import { listOfficeDuplicates, officeDecideDuplicate, StaleDuplicateError } from '../../services/walkins';
import { poke } from '../../events/poke';
import { Refusal } from '../../commands/refusal';
import { nextSeq } from '../../db/seq';
import { roleProcedure, router } from '../init';

const admin = roleProcedure;

export const youthOfficeRouter = router({
	/** Open requests per Kita: a Kita with open requests cannot be deactivated. */
	openRequests: admin.query(async ({ ctx }) => {
		const rows = await ctx.app.database.db
			.selectFrom('requests')
			.select(['facility_id', (eb) => eb.fn.countAll<number>().as('n')])
			.where('status', 'in', [...OPEN_STATUSES])
			.groupBy('facility_id')
			.execute();
		return Object.fromEntries(rows.map((r) => [r.facility_id, Number(r.n)]));
	}),

	/** Per Kita year: closed early?, the carry-overs so far, requests still waiting. */
	kitaYearStatus: admin.query(async ({ ctx }) => {
		const db = ctx.app.database.db;
		const [closures, runs, waiting] = await Promise.all([
			db.selectFrom('allocation_closures').selectAll().execute(),
			db.selectFrom('carry_over_runs').selectAll().orderBy('id', 'desc').execute(),
			db
				.selectFrom('requests')
				.select(['kita_year_id', (eb) => eb.fn.countAll<number>().as('n')])
				.where('status', '=', 'registered')
				.groupBy('kita_year_id')
				.execute()
		]);
		return {
			closures: closures.map((c) => ({ kitaYearId: c.kita_year_id, closedAt: c.closed_at })),
			runs: runs.map((r) => ({
				id: r.id,
				at: r.at,
				fromKitaYearId: r.from_kita_year_id,
				toKitaYearId: r.to_kita_year_id,
				trigger: r.trigger,
				moved: r.moved,
				skipped: r.skipped
			})),
			waiting: Object.fromEntries(waiting.map((w) => [w.kita_year_id, Number(w.n)]))
		};
	}),

	/** Ends the allocation of a year now and carries its waiting requests over at once. */
	closeAllocation: admin
		.input(z.object({ kitaYearId: kitaYearIdSchema }))
		.mutation(async ({ ctx, input }) => {
			const exists = await ctx.app.database.db
				.selectFrom('kita_years')
				.select('id')
				.where('id', '=', input.kitaYearId)
				.executeTakeFirst();
			if (!exists) throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
			const result = await closeAllocation(
				{ db: ctx.app.database.db, now: ctx.app.now, origin: ctx.app.config.origin },
				input.kitaYearId,
				{ userId: ctx.session.userId, role: ctx.session.role }
			);
			await audit(
				ctx.app.database.db,
				{
					action: 'kitaYear.write',
					actor: ctx.session,
					targetType: 'allocationClosure',
					targetId: input.kitaYearId
				},
				ctx.app.now()
			);
			return {
				moved: result?.moved.length ?? 0,
				skipped: result?.skipped.length ?? 0,
				toKitaYearId: result?.toKitaYearId ?? null
			};
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
		const db = ctx.app.database.db;
		const now = ctx.app.now();
		try {
			const affected = await db.transaction().execute(async (tx) => {
				const users = await officeDecideDuplicate(
					tx,
					{ ...input, actorId: ctx.session.userId },
					{ now, today: dayOfInstant(now), seq: await nextSeq(tx) }
				);
				await audit(
					tx,
					{
						action: input.decision === 'link' ? 'walkin.link' : 'walkin.separate',
						actor: ctx.session,
						targetType: 'duplicateCandidate',
						targetId: input.candidateId
					},
					now
				);
				return users;
			});
			poke(affected);
			return { ok: true as const };
		} catch (error) {
			if (error instanceof StaleDuplicateError && error.message === 'notFound')
				throw new TRPCError({ code: 'NOT_FOUND', message: 'notFound' });
			// Decided before, or one side was linked elsewhere meanwhile: the list is out of date.
			if (error instanceof StaleDuplicateError || error instanceof Refusal)
				throw new TRPCError({ code: 'CONFLICT', message: 'staleStatus' });
			throw error;
		}
	})
});
