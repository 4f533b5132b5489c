// The one way a background job runs: a round every `intervalMs`, rounds never overlap (a call while
// one runs gets that round), a failed round is logged without personal data and answers `onFailure`,
// and the timer does not keep the process alive.
import { log } from '../log';
import { jobDuration, jobRuns } from '../metrics';

export interface IntervalJob<T> {
	/** Runs a round now, or joins the one running (tests and admin actions call it). */
	runOnce(): Promise<T>;
	stop(): void;
}

export function everyInterval<T>(
	/** For the log line: "<label> failed: …". */
	label: string,
	round: () => Promise<T>,
	onFailure: T,
	intervalMs: number,
	onStop?: () => void
): IntervalJob<T> {
	let running: Promise<T> | null = null;
	const runOnce = () => {
		const started = performance.now();
		running ??= round()
			.then((result) => {
				jobRuns.inc({ job: label, outcome: 'ok' });
				return result;
			})
			.catch((error: unknown) => {
				jobRuns.inc({ job: label, outcome: 'failed' });
				log.error({ job: label, err: error instanceof Error ? error.message : String(error) }, 'job failed');
				return onFailure;
			})
			.finally(() => {
				jobDuration.observe({ job: label }, (performance.now() - started) / 1000);
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
