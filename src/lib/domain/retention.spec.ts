import { describe, expect, it } from 'vitest';
import {
	childmindingClosed,
	cutoffInstant,
	draftExpired,
	requestClosed,
	requestKeptUntil,
	requestPastPromise,
	yearPastRetention
} from './retention';
import { deletionBlockers } from './youth-office';

describe('retention rules', () => {
	it('lets drafts go after 60 days, and unreadable ones at once', () => {
		const now = new Date('2026-11-25T09:00:00Z');
		expect(draftExpired('2026-09-26T09:00:00Z', now)).toBe(false);
		expect(draftExpired('2026-09-26T08:59:59Z', now)).toBe(true);
		expect(draftExpired('kaputt', now)).toBe(true);
	});

	it('counts the period from the end of the Kita year', () => {
		expect(yearPastRetention('2027-07-31', '2028-07-30', { anonymiseAfterDays: 365 })).toBe(false);
		expect(yearPastRetention('2027-07-31', '2028-07-31', { anonymiseAfterDays: 365 })).toBe(true);
		expect(cutoffInstant(new Date('2026-11-25T09:00:00Z'), 30)).toBe('2026-10-26T09:00:00.000Z');
	});

	it('keeps a request until the end of the following Kita year, as configured or by default', () => {
		const configured = new Map([['2027-28', '2028-07-15']]);
		expect(requestKeptUntil({ id: '2026-27', endsOn: '2027-07-31' }, (id) => configured.get(id))).toBe(
			'2028-07-15'
		);
		expect(requestKeptUntil({ id: '2027-28', endsOn: '2028-07-15' }, (id) => configured.get(id))).toBe(
			'2029-07-31'
		);
		// An id that is not a Kita year's: a year after its own end.
		expect(requestKeptUntil({ id: 'x', endsOn: '2027-07-31' }, () => undefined)).toBe('2028-07-31');
		expect(requestPastPromise('2028-07-31', '2028-07-30')).toBe(false);
		expect(requestPastPromise('2028-07-31', '2028-07-31')).toBe(false);
		expect(requestPastPromise('2028-07-31', '2028-08-01')).toBe(true);
	});

	it.each([
		['registered', false],
		['offered', false],
		['accepted', false],
		['contracted', true],
		['rejected', true],
		['declined', true],
		['expired', true],
		['withdrawn', true],
		['placedElsewhere', true],
		['released', true]
	] as const)('a %s request is closed: %s', (status, closed) => {
		expect(requestClosed(status)).toBe(closed);
	});

	it('closes child-minding requests once placed, closed or withdrawn', () => {
		expect(
			['submitted', 'inContact', 'placed', 'closed', 'withdrawn'].map((s) => childmindingClosed(s as never))
		).toEqual([false, false, true, true, true]);
	});
});

describe('deleting an account', () => {
	it('is blocked by an open offer or a contract of a year not yet over', () => {
		expect(deletionBlockers([{ status: 'registered', yearEnded: false }])).toEqual([]);
		expect(
			deletionBlockers([
				{ status: 'offered', yearEnded: false },
				{ status: 'accepted', yearEnded: true }
			])
		).toEqual(['openOffer']);
		expect(deletionBlockers([{ status: 'contracted', yearEnded: false }])).toEqual(['openContract']);
		expect(deletionBlockers([{ status: 'contracted', yearEnded: true }])).toEqual([]);
	});
});
