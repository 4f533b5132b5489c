import { describe, expect, it } from 'vitest';
import type { PullResult } from '$lib/sync/protocol';
import { afterPage, readProgress } from './first-sync';

type Page = Extract<PullResult, { kind: 'page' }>;
const page = (over: Partial<Page>): Page => ({
	kind: 'page',
	reset: false,
	token: 't',
	patch: { put: {}, del: {} },
	...over
});
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i) })) as never[];

describe('a first sync’s progress on the device', () => {
	it('counts from the first page on, adds each page, and keeps the totals of the first', () => {
		const first = afterPage(
			null,
			page({
				reset: true,
				token: 'a',
				total: { requests: 5, children: 3 },
				patch: { put: { requests: rows(2) }, del: {} }
			})
		);
		expect(first).toEqual({ token: 'a', received: { requests: 2 }, total: { requests: 5, children: 3 } });
		const second = afterPage(
			first,
			page({ token: 'b', patch: { put: { requests: rows(3), children: rows(1) }, del: {} } })
		);
		expect(second).toEqual({
			token: 'b',
			received: { requests: 5, children: 1 },
			total: { requests: 5, children: 3 }
		});
	});

	it('starts the count again when the server starts the first sync again', () => {
		const before = { token: 'x', received: { requests: 4 }, total: { requests: 9 } };
		const again = afterPage(
			before,
			page({
				reset: true,
				token: 'y',
				total: { requests: 10 },
				patch: { put: { requests: rows(1) }, del: {} }
			})
		);
		expect(again).toEqual({ token: 'y', received: { requests: 1 }, total: { requests: 10 } });
	});

	it('reads back what it stored, and nothing from a damaged row (the first sync then starts again)', () => {
		const stored = { token: 'a', received: { requests: 2 }, total: { requests: 5 } };
		expect(readProgress(JSON.stringify(stored))).toEqual(stored);
		expect(readProgress(undefined)).toBeNull();
		expect(readProgress('{')).toBeNull();
		expect(readProgress(JSON.stringify({ token: 1, received: {}, total: {} }))).toBeNull();
		expect(readProgress(JSON.stringify({ token: 'a', received: { requests: -1 }, total: {} }))).toBeNull();
	});
});
