import { describe, expect, it } from 'vitest';
import { localEnd, MAX_WAIT_MS, minutesLeft, untilWarning, WARN_BEFORE_MS } from './session-timer';

describe('session timer', () => {
	const server = Date.parse('2026-03-02T10:00:00Z');

	it('counts with the server clock even when the browser clock is wrong', () => {
		const info = {
			serverNow: new Date(server).toISOString(),
			expiresAt: new Date(server + 3600_000).toISOString()
		};
		const skewedClient = server - 7 * 60_000; // browser seven minutes behind
		expect(localEnd(info, skewedClient)).toBe(skewedClient + 3600_000);
	});

	it('warns five minutes before the end, at once when less is left', () => {
		const end = server + 60 * 60_000;
		expect(untilWarning(end, server)).toBe(55 * 60_000);
		expect(untilWarning(end, end - WARN_BEFORE_MS + 1000)).toBe(0);
		expect(untilWarning(end, end + 1000)).toBe(0);
	});

	it('never schedules beyond what setTimeout can wait', () => {
		expect(untilWarning(server + 30 * 24 * 3600_000, server)).toBe(MAX_WAIT_MS);
	});

	it('rounds the minutes left up', () => {
		expect(minutesLeft(server + 4 * 60_000 + 1, server)).toBe(5);
		expect(minutesLeft(server + 60_000, server)).toBe(1);
		expect(minutesLeft(server - 1, server)).toBe(0);
	});
});
