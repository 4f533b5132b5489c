// The one way a background job runs: a round every `intervalMs`, rounds never overlap (a call while
// one runs gets that round; on PostgreSQL not on two nodes either, see job-lock.ts), a failed round is
// logged without personal data and answers `onFailure`, and the timer does not keep the process alive.
import type { Db } from '../db/database';
import { log } from '../log';
import { jobDuration, jobRuns } from '../metrics';
import { onOneNode, type LockedRound } from './job-lock';

export interface IntervalOptions {
	/** The job's own clean-up when it stops (a transport to close). */
	onStop?: () => void;
	/** The database the job works on: on PostgreSQL its rounds run on one node at a time. */
	db?: Db;
}

export interface IntervalJob<T> {
	/** Runs a round now, or joins the one running (tests and admin actions call it). */
	runOnce(): Promise<T>;
	stop(): void;
}

export function everyInterval<T>(
	/** For the log line: "<label> failed: …". */
	label: string,
	round: () => Promise<T>,
	/** What a round answers that failed, or that was skipped because another node runs it. */
	onFailure: T,
	intervalMs: number,
	options: IntervalOptions = {}
): IntervalJob<T> {
	const { onStop, db } = options;
	const attempt: () => Promise<LockedRound<T>> = db
		? () => onOneNode(db, label, round)
		: async () => ({ ran: true, value: await round() });
	let running: Promise<T> | null = null;
	const runOnce = () => {
		const started = performance.now();
		// A skipped round did no work: it is counted, but not timed.
		const timed = () => jobDuration.observe({ job: label }, (performance.now() - started) / 1000);
		running ??= attempt()
			.then((result) => {
				jobRuns.inc({ job: label, outcome: result.ran ? 'ok' : 'skipped' });
				if (!result.ran) return onFailure;
				timed();
				return result.value;
			})
			.catch((error: unknown) => {
				timed();
				jobRuns.inc({ job: label, outcome: 'failed' });
				log.error({ job: label, err: error instanceof Error ? error.message : String(error) }, 'job failed');
				return onFailure;
			})
			.finally(() => {
				running = null;
			});
		return running;
	};
	const timer = setInterval(() => void runOnce(), intervalMs);
	timer.unref();
	return {
		runOnce,
		stop() {
			clearInterval(timer);
			onStop?.();
		}
	};
}
