import { describe, expect, it } from 'vitest';
import { decodeCookie, encodeCookie } from './cookie';

describe('decodeCookie', () => {
	const cookie = encodeCookie('parent:u1', 40);

	it.each([
		['the same scope, seen up to 40, now 50', cookie, 'parent:u1', 50, 0, 40],
		['nothing pruned after it', cookie, 'parent:u1', 50, 39, 40],
		['pruned up to its own seq: it saw those deletions', cookie, 'parent:u1', 50, 40, 40],
		['deletions after it were pruned', cookie, 'parent:u1', 50, 41, null],
		['another scope', cookie, 'parent:u2', 50, 0, null],
		['from the future', cookie, 'parent:u1', 39, 0, null],
		['none', null, 'parent:u1', 50, 0, null],
		['malformed', 'not-a-cookie', 'parent:u1', 50, 0, null]
	])('%s', (_name, raw, scope, current, pruned, seq) => {
		expect(decodeCookie(raw, scope, current, pruned)?.seq ?? null).toBe(seq);
	});
});
