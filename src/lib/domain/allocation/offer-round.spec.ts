import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	applyProposalChange,
	deadlineIssue,
	deadlinePassed,
	defaultRoundDeadline,
	isWorkingDay,
	proposalOfferTerms,
	sentStatus,
	withoutReasons
} from './offer-round';
import { changeRoundProposalSchema } from './offer-round-schemas';

describe('working days and the deadline', () => {
	it('knows the weekend', () => {
		// 5 Dec 2026 is a Saturday.
		expect(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'].map(isWorkingDay)).toEqual([
			true,
			false,
			false,
			true
		]);
	});

	it('counts working days, skipping the weekend', () => {
		expect(addWorkingDays('2026-12-02', 3)).toBe('2026-12-07'); // Wed → Mon
		expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07'); // Sat → Mon
		expect(defaultRoundDeadline('2026-12-07')).toBe('2026-12-10');
	});

	it('takes a deadline after today and at most four weeks ahead', () => {
		expect(deadlineIssue('2026-12-02', '2026-12-02')).toBe('deadlineNotAfterToday');
		expect(deadlineIssue('2026-12-01', '2026-12-02')).toBe('deadlineNotAfterToday');
		expect(deadlineIssue('2026-12-03', '2026-12-02')).toBeNull();
		expect(deadlineIssue('2026-12-30', '2026-12-02')).toBeNull();
		expect(deadlineIssue('2026-12-31', '2026-12-02')).toBe('deadlineTooFar');
	});

	it('passes only once the day after the deadline began', () => {
		expect(deadlinePassed('2026-12-07', '2026-12-07')).toBe(false);
		expect(deadlinePassed('2026-12-07', '2026-12-08')).toBe(true);
	});
});

describe('changing a proposal', () => {
	const list = ['a', 'b', 'c'];
	it('drops, replaces in place, and adds last', () => {
		expect(applyProposalChange(list, { dropRequestId: 'b' })).toEqual({ ok: true, requestIds: ['a', 'c'] });
		expect(applyProposalChange(list, { dropRequestId: 'b', addRequestId: 'x' })).toEqual({
			ok: true,
			requestIds: ['a', 'x', 'c']
		});
		expect(applyProposalChange(list, { addRequestId: 'x' })).toEqual({
			ok: true,
			requestIds: ['a', 'b', 'c', 'x']
		});
	});

	it('refuses to drop a child not proposed or to add one twice', () => {
		expect(applyProposalChange(list, { dropRequestId: 'x' })).toEqual({ ok: false, issue: 'notInProposal' });
		expect(applyProposalChange(list, { addRequestId: 'a' })).toEqual({
			ok: false,
			issue: 'alreadyInProposal'
		});
	});

	it('requires a written reason and a change', () => {
		const base = {
			proposalId: crypto.randomUUID(),
			dropRequestId: crypto.randomUUID(),
			addRequestId: null,
			reason: 'Geschwisterkind nachgemeldet'
		};
		expect(changeRoundProposalSchema.safeParse(base).success).toBe(true);
		expect(changeRoundProposalSchema.safeParse({ ...base, reason: '   ' }).success).toBe(false);
		expect(changeRoundProposalSchema.safeParse({ ...base, dropRequestId: null }).success).toBe(false);
		expect(changeRoundProposalSchema.safeParse({ ...base, addRequestId: base.dropRequestId }).success).toBe(
			false
		);
	});

	it('says whether a proposal was sent as computed or changed', () => {
		expect(sentStatus([])).toBe('sent');
		expect(sentStatus([{ at: '', dropRequestId: 'a', addRequestId: null, reason: 'weil' }])).toBe(
			'changedAndSent'
		);
	});
});

describe('the terms of a proposed offer', () => {
	it('offers the wished start, or today once it has passed', () => {
		expect(proposalOfferTerms({ startDate: '2027-08-01', weeklyHours: 35 }, '2026-12-02')).toEqual({
			startDate: '2027-08-01',
			weeklyHours: 35,
			note: ''
		});
		expect(proposalOfferTerms({ startDate: '2026-09-01', weeklyHours: 45 }, '2026-12-02').startDate).toBe(
			'2026-12-02'
		);
	});
});

describe('withoutReasons', () => {
	const change = (drop: string | null, add: string | null, reason: string) => ({
		at: '2026-12-02T10:00:00Z',
		dropRequestId: drop,
		addRequestId: add,
		reason
	});
	const changes = [change('a', 'b', 'Mutter erkrankt'), change('c', null, 'Umzug'), change(null, 'd', '')];

	it('blanks the reasons of changes about the given requests only, whether dropped or added', () => {
		expect(withoutReasons(changes, new Set(['b'])).changes.map((c) => c.reason)).toEqual(['', 'Umzug', '']);
		expect(withoutReasons(changes, new Set(['c'])).cleared).toBe(1);
		expect(withoutReasons(changes, new Set(['x']))).toEqual({ changes, cleared: 0 });
	});

	it('blanks every reason with null, keeps each change, and counts only what still held a reason', () => {
		const all = withoutReasons(changes, null);
		expect(all.cleared).toBe(2);
		expect(all.changes).toHaveLength(3);
		expect(all.changes.map((c) => [c.dropRequestId, c.addRequestId, c.reason])).toEqual([
			['a', 'b', ''],
			['c', null, ''],
			[null, 'd', '']
		]);
		expect(withoutReasons(all.changes, null).cleared).toBe(0);
	});
});
