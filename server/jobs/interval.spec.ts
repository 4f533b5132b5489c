import { afterEach, describe, expect, it, vi } from 'vitest';
import { everyInterval } from './interval';
import { captureLog } from '../log';

afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe('everyInterval', () => {
	it('never runs two rounds at once: a call while one runs joins it', async () => {
		let release!: (n: number) => void;
		const round = vi.fn(() => new Promise<number>((resolve) => (release = resolve)));
		const job = everyInterval('Test round', round, 0, 60_000);
		const first = job.runOnce();
		const second = job.runOnce();
		expect(round).toHaveBeenCalledTimes(1);
		release(3);
		expect(await first).toBe(3);
		expect(await second).toBe(3);
		void job.runOnce();
		expect(round).toHaveBeenCalledTimes(2);
		release(0);
		job.stop();
	});

	it('logs a failed round by its message only and answers the failure value', async () => {
		const capture = captureLog();
		const job = everyInterval('Test round', () => Promise.reject(new Error('disk full')), -1, 60_000);
		try {
			expect(await job.runOnce()).toBe(-1);
		} finally {
			capture.stop();
		}
		expect(capture.lines).toEqual([
			expect.objectContaining({ level: 'error', job: 'Test round', err: 'disk full', msg: 'job failed' })
		]);
		job.stop();
	});

	it('runs every interval until stopped, and stop() runs the job’s own clean-up', async () => {
		vi.useFakeTimers();
		const round = vi.fn(() => Promise.resolve(1));
		const cleanUp = vi.fn();
		const job = everyInterval('Test round', round, 0, 1_000, { onStop: cleanUp });
		await vi.advanceTimersByTimeAsync(3_000);
		expect(round).toHaveBeenCalledTimes(3);
		job.stop();
		expect(cleanUp).toHaveBeenCalledOnce();
		await vi.advanceTimersByTimeAsync(3_000);
		expect(round).toHaveBeenCalledTimes(3);
	});
});
