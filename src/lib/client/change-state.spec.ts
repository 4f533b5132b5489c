import { describe, expect, it } from 'vitest';
import { changeState } from './change-state';
import type { LocalRejection, OutboxEntry } from './local-db';

const reject = (mutationId: number, requestId: string): OutboxEntry => ({
	id: mutationId,
	name: 'rejectRequest',
	args: { requestId, expectedStatus: 'registered', reason: 'noPlaceAvailable', note: '' },
	createdAt: '2026-12-05T04:00:00.000Z'
});

const refusal = (mutationId: number, requestId: string, dismissed: 0 | 1 = 0): LocalRejection => ({
	mutationId,
	name: 'rejectRequest',
	args: { requestId, expectedStatus: 'registered' },
	at: '2026-12-05T04:10:00.000Z',
	code: 'statusChanged',
	message: 'status changed',
	current: { id: requestId, status: 'offered' },
	dismissed
});

describe('changeState (issue 14, point 4)', () => {
	it('is pending while a change to a shown id waits in the outbox', () => {
		expect(changeState(['q1'], [reject(1, 'q1')], [])).toEqual({ kind: 'pending' });
	});

	it('is sent once the outbox no longer names the id and nothing was refused', () => {
		expect(changeState(['q1'], [reject(2, 'q2')], [])).toEqual({ kind: 'sent' });
		expect(changeState(['q1'], [], [refusal(3, 'q2')])).toEqual({ kind: 'sent' });
	});

	it('is refused when a rejection not yet dismissed names a shown id', () => {
		const r = refusal(1, 'q1');
		expect(changeState(['q1'], [], [r])).toEqual({ kind: 'refused', rejection: r });
	});

	it('a refusal wins over a change still pending, and the newest refusal is named', () => {
		const older = refusal(1, 'q1');
		const newer = refusal(4, 'q1');
		expect(changeState(['q1'], [reject(5, 'q1')], [older, newer])).toEqual({
			kind: 'refused',
			rejection: newer
		});
	});

	it('a dismissed refusal no longer counts', () => {
		expect(changeState(['q1'], [], [refusal(1, 'q1', 1)])).toEqual({ kind: 'sent' });
		expect(changeState(['q1'], [reject(2, 'q1')], [refusal(1, 'q1', 1)])).toEqual({ kind: 'pending' });
	});

	it('finds ids at any depth of the arguments (a walk-in names its family, child and request)', () => {
		const walkin: LocalRejection = {
			...refusal(7, 'x'),
			name: 'createWalkin',
			args: { familyId: 'f1', requestId: 'q9', child: { id: 'c1' }, guardians: [{ id: 'g1' }] }
		};
		expect(changeState(['g1'], [], [walkin]).kind).toBe('refused');
		expect(changeState(['q9', 'zz'], [], [walkin]).kind).toBe('refused');
	});

	it('does not count a recorded read as a pending change (issue 14, point 6)', () => {
		const read: OutboxEntry = {
			id: 1,
			name: 'auditRead',
			args: { kind: 'request', id: 'q1' },
			createdAt: ''
		};
		expect(changeState(['q1'], [read], [])).toEqual({ kind: 'sent' });
	});
});
