import { describe, expect, it } from 'vitest';
import {
	arrivalsDue,
	checkWrites,
	isOk,
	percentile,
	scheduledAt,
	Tally,
	type Acknowledged,
	type Outcome
} from './rush-stats';
import { answerFor } from './rush-static';

describe('arrival schedule (open model)', () => {
	it('starts the first arrival at once and one more every 1/rate seconds', () => {
		expect(arrivalsDue(-1, 300, 100)).toBe(0);
		expect(arrivalsDue(0, 300, 100)).toBe(1);
		expect(arrivalsDue(3.32, 300, 100)).toBe(1);
		expect(arrivalsDue(3.34, 300, 100)).toBe(2);
		expect(arrivalsDue(1000, 50, 1000)).toBe(51);
	});

	it('has each arrival due exactly at its scheduled time, for rates that do not divide 1000', () => {
		for (const rate of [7, 50, 300, 333]) {
			for (let i = 0; i < 2000; i++) {
				expect(arrivalsDue(scheduledAt(i, rate), rate, Infinity)).toBe(i + 1);
				if (i > 0) expect(arrivalsDue(scheduledAt(i, rate) - 0.01, rate, Infinity)).toBe(i);
			}
		}
	});

	it('does not depend on how often the generator looks: a late look starts all due arrivals', () => {
		expect(arrivalsDue(250, 300, Infinity)).toBe(76);
		expect(arrivalsDue(60_000, 300, 18_000)).toBe(18_000);
		expect(arrivalsDue(59_999.99, 300, 18_000)).toBe(18_000);
		expect(arrivalsDue(59_996.66, 300, 18_000)).toBe(17_999);
		expect(arrivalsDue(10, 0, 100)).toBe(0);
	});
});

describe('percentile (nearest rank)', () => {
	const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

	it('picks the value at the rank ceil(p · n)', () => {
		expect(percentile(hundred, 50)).toBe(50);
		expect(percentile(hundred, 95)).toBe(95);
		expect(percentile(hundred, 99)).toBe(99);
		expect(percentile(hundred, 100)).toBe(100);
		expect(percentile(hundred, 0)).toBe(1);
		expect(percentile([1, 2, 3], 50)).toBe(2);
		expect(percentile([5], 99)).toBe(5);
	});

	it('lets one slow request of a hundred show at p99 but not below', () => {
		const values = [...Array.from({ length: 99 }, () => 10), 5000];
		expect(percentile(values, 99)).toBe(10);
		expect(percentile([...values, 5000], 99)).toBe(5000);
	});

	it('is NaN without values', () => {
		expect(percentile([], 50)).toBeNaN();
	});
});

describe('Tally', () => {
	it('counts 2xx and 304 as answered and every other outcome as an error, by outcome', () => {
		const outcomes: Outcome[] = [200, 204, 304, 301, 404, 429, 500, 'timeout', 'error:ECONNRESET'];
		expect(outcomes.map(isOk)).toEqual([true, true, true, false, false, false, false, false, false]);
		const tally = new Tally();
		for (let i = 1; i <= 96; i++) tally.record('pull', i, 200);
		tally.record('pull', 97, 304);
		tally.record('pull', 98, 500);
		tally.record('pull', 10_000, 'timeout');
		tally.record('pull', 99, 500);
		tally.record('push', 3, 'error:ECONNRESET');
		const pull = tally.summary('pull', 10);
		expect(pull).toMatchObject({ requests: 100, errors: 3, errorsBy: { '500': 2, timeout: 1 }, p50Ms: 50 });
		expect(pull.p99Ms).toBe(99);
		expect(pull.maxMs).toBe(10_000);
		expect(pull.perSecond).toBe(10);
		expect(tally.summary('push', 10).errorsBy).toEqual({ 'error:ECONNRESET': 1 });
		expect(tally.kinds()).toEqual(['pull', 'push']);
	});
});

describe('checkWrites', () => {
	const ack = (n: number, requests = 3): Acknowledged => ({
		clientId: `c${n}`,
		registrationId: `r${n}`,
		childId: `k${n}`,
		requestIds: Array.from({ length: requests }, (_, i) => `q${n}-${i}`)
	});
	const once = (n: number) => ({
		registrationId: `r${n}`,
		registrations: 1,
		requests: 3,
		registrationsOfChild: 1
	});

	it('counts each acknowledged registration stored once', () => {
		const check = checkWrites([ack(1), ack(2)], [once(1), once(2)], new Set());
		expect(check).toEqual({ acknowledged: 2, storedOnce: 2, missing: [], duplicated: [], rejected: [] });
	});

	it('finds one that is absent or lost requests, one stored twice, and one refused', () => {
		const check = checkWrites(
			[ack(1), ack(2), ack(3), ack(4), ack(5), ack(6)],
			[
				once(1),
				{ ...once(3), requests: 2 },
				{ ...once(4), registrationsOfChild: 2 },
				{ ...once(5), requests: 4 },
				{ ...once(6), registrations: 0, requests: 0 }
			],
			new Set(['r6'])
		);
		expect(check).toEqual({
			acknowledged: 6,
			storedOnce: 1,
			missing: ['r2', 'r3'],
			duplicated: ['r4', 'r5'],
			rejected: ['r6']
		});
	});
});

describe('the calibration server', () => {
	const pull = (input: Record<string, unknown>) =>
		`/api/trpc/sync.pull?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;

	it('answers each of the rush’s requests with the recording of its kind', () => {
		expect(answerFor('/kitas')).toBe('finderHtml');
		expect(answerFor('/kitas/c214a1a1-375d-49a7-8d84-b3e479aded3a')).toBe('kitaHtml');
		expect(answerFor('/api/trpc/auth.me')).toBe('me');
		expect(answerFor('/api/trpc/sync.push?batch=1')).toBe('push');
		expect(answerFor(pull({ clientId: 'c', userId: null, cookie: null, page: null }))).toBe('catalogue');
		expect(answerFor(pull({ clientId: 'c', userId: null, cookie: 'k', page: null }))).toBe('pullWithCookie');
		expect(answerFor(pull({ clientId: 'c', userId: null, cookie: null, page: 't' }))).toBe('pullWithCookie');
		expect(answerFor(pull({ clientId: 'c', userId: 'u', cookie: 'k', page: null }))).toBe('userPull');
	});
});
