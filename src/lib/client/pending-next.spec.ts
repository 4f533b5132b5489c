import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetPendingNext, keepNextForLater, nextQuery, pendingNext } from './pending-next';

describe('the next page kept through sign-up, confirmation and login (issue 13, point 6)', () => {
	beforeEach(() => {
		const store = new Map<string, string>();
		vi.stubGlobal('localStorage', {
			getItem: (key: string) => store.get(key) ?? null,
			setItem: (key: string, value: string) => store.set(key, value),
			removeItem: (key: string) => store.delete(key)
		});
	});
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('keeps a page of the portal for a day, then forgets it', () => {
		keepNextForLater('/anmeldung?kita=abc', 1_000);
		expect(pendingNext(2_000)).toBe('/anmeldung?kita=abc');
		expect(pendingNext(1_000 + 24 * 3600_000 + 1)).toBeNull();
		forgetPendingNext();
		expect(pendingNext(2_000)).toBeNull();
	});

	it('never keeps another site', () => {
		keepNextForLater('//evil.example/anmeldung');
		keepNextForLater('https://evil.example');
		expect(pendingNext()).toBeNull();
		localStorage.setItem(
			'kita-portal:next-after-signup',
			JSON.stringify({ next: '/\t/evil.example', at: Date.now() })
		);
		expect(pendingNext()).toBeNull();
	});

	it('builds the login query only from a safe page', () => {
		expect(nextQuery('/anmeldung?kita=abc')).toBe('?next=%2Fanmeldung%3Fkita%3Dabc');
		expect(nextQuery('//evil.example')).toBe('');
		expect(nextQuery(null)).toBe('');
	});
});
