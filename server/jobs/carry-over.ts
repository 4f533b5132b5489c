// The carry-over job: on a timer by server time, every Kita year whose allocation has ended carries
// its requests without a place over into the next year (server/commands/carry-over.ts), each year in
// its own transaction, as the system.
import { listKitaYears } from '../services/catalogue';
import { runCommand, type CommandHost } from '../commands/run';
import { SYSTEM_ACTOR } from '../commands/context';
import { carryOverYear, type CarryOverResult } from '../commands/carry-over';
import { everyInterval, type IntervalJob } from './interval';

export type { CarryOverResult } from '../commands/carry-over';

/** Carries over every year whose allocation has ended; returns one result per such year. */
export async function runCarryOver(
	host: CommandHost,
	options: { kitaYearId?: string } = {}
): Promise<CarryOverResult[]> {
	const years = await listKitaYears(host.database.db);
	const results: CarryOverResult[] = [];
	for (const year of years) {
		if (options.kitaYearId && year.id !== options.kitaYearId) continue;
		const result = await runCommand(host, SYSTEM_ACTOR, (ctx) => carryOverYear(ctx, year, years));
		if (result) results.push(result);
	}
	return results;
}

export type CarryOverJob = IntervalJob<CarryOverResult[]>;

/** Runs the carry-over every `intervalMs`; rounds never overlap, a failed round is logged. */
export function startCarryOver(host: CommandHost, intervalMs = 15 * 60_000): CarryOverJob {
	return everyInterval('Carry-over round', () => runCarryOver(host), [], intervalMs, {
		db: host.database.db
	});
}
