// Queries of the youth office's catalogue and Kita-year pages: open requests per Kita (a Kita with
// open requests cannot be deactivated) and the state of each year's allocation and carry-over. The
// changes themselves are commands (server/commands/catalogue.ts, kita-years.ts).
import { OPEN_STATUSES } from '../../src/lib/domain/placement';
import type { Executor } from '../db/database';

export async function openRequestCount(db: Executor, facilityId: string): Promise<number> {
	const row = await db
		.selectFrom('requests')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('facility_id', '=', facilityId)
		.where('status', 'in', [...OPEN_STATUSES])
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Open requests per Kita id (Kitas without any are missing). */
export async function openRequestsByKita(db: Executor): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('requests')
		.select(['facility_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('status', 'in', [...OPEN_STATUSES])
		.groupBy('facility_id')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.facility_id, Number(r.n)]));
}

/** Per Kita year: closed early?, the carry-overs so far, requests still waiting. */
export async function kitaYearStatus(db: Executor) {
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
}
