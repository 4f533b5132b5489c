// Lets offer rounds' proposals lapse: once a round's deadline day has passed (server time only),
// every Kita proposal not sent lapses and the round closes; the places are free for the next round.
// Each round in its own transaction; a run twice changes nothing the second time.
import { SYSTEM_ACTOR } from '../commands/context';
import { lapseRound } from '../commands/offer-rounds';
import { runCommand, type CommandHost } from '../commands/run';
import { dayOfInstant } from '../../src/lib/domain/calendar-day';
import { everyInterval, type IntervalJob } from './interval';

/** Lapses every open round past its deadline; returns the ids of the proposals that lapsed. */
export async function lapseRounds(host: CommandHost): Promise<string[]> {
	const today = dayOfInstant(host.now());
	const due = await host.database.db
		.selectFrom('offer_rounds')
		.select('id')
		.where('status', '=', 'open')
		.where('deadline', '<', today)
		.execute();
	const lapsed: string[] = [];
	for (const { id } of due)
		lapsed.push(...(await runCommand(host, SYSTEM_ACTOR, (ctx) => lapseRound(ctx, id))));
	return lapsed;
}

export type RoundLapseJob = IntervalJob<string[]>;

/** Runs lapseRounds every `intervalMs` (every 15 minutes by default); runs never overlap. */
export function startRoundLapse(host: CommandHost, intervalMs = 15 * 60_000): RoundLapseJob {
	return everyInterval('Round lapse', () => lapseRounds(host), [], intervalMs, { db: host.database.db });
}
