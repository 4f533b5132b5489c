import { describe, expect, it } from 'vitest';
import { pendingIds } from './pending';
import { move } from './registration-draft';

describe('pendingIds', () => {
	it('collects every id named anywhere in pending mutations', () => {
		const ids = pendingIds([
			{ id: 1, name: 'saveChild', args: { id: 'c1', firstName: 'Mia' }, createdAt: '' },
			{
				id: 2,
				name: 'submitRegistration',
				args: {
					registrationId: 'r1',
					childId: 'c1',
					items: [{ requestId: 'q1', facilityId: 'f1', comment: 'x' }]
				},
				createdAt: ''
			}
		]);
		expect([...ids].sort()).toEqual(['c1', 'f1', 'q1', 'r1']);
	});

	it('does not count a recorded read as a pending change of what was read (issue 14, point 6)', () => {
		const ids = pendingIds([
			{ id: 1, name: 'auditRead', args: { kind: 'request', id: 'q1' }, createdAt: '' },
			{ id: 2, name: 'rejectRequest', args: { requestId: 'q2', expectedStatus: 'registered' }, createdAt: '' }
		]);
		expect([...ids]).toEqual(['q2']);
	});
});

describe('move', () => {
	it('swaps neighbours and ignores moves past either end', () => {
		expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
		expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
		expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
		expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
	});
});
