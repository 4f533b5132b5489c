import { describe, expect, it } from 'vitest';
import { nextCandidates } from './next-candidates';
import type { QueueRow } from './queue';

let n = 0;
function row(over: Partial<QueueRow>): QueueRow {
	n++;
	return {
		id: `r${n}`,
		childId: `c${n}`,
		familyId: `f${n}`,
		firstName: `Kind${n}`,
		lastName: 'Muster',
		birthDate: '2024-03-10',
		kitaYearId: '2027-28',
		status: 'registered',
		startDate: '2027-08-01',
		startMonth: '2027-08',
		weeklyHours: 35,
		ageMonths: 40,
		ageBand: 'ue3',
		changeRequest: false,
		sibling: false,
		livesInMunicipality: false,
		hardship: false,
		guardiansEmployedOrTraining: false,
		contractElsewhere: false,
		registeredAt: `2026-11-${String(10 + n).padStart(2, '0')}T10:00:00.000Z`,
		registeredOn: '2026-11-10',
		offerExpiresAt: null,
		comment: '',
		search: '',
		...over
	};
}

describe('nextCandidates', () => {
	const freed = row({ status: 'released' });
	const early = row({});
	const sibling = row({ sibling: true });
	const resident = row({ livesInMunicipality: true });
	const rows = [
		freed,
		early,
		sibling,
		resident,
		row({ weeklyHours: 45 }),
		row({ ageBand: 'u3', ageMonths: 20 }),
		row({ kitaYearId: '2028-29' }),
		row({ status: 'offered' }),
		row({ contractElsewhere: true })
	];

	it('suggests waiting children of the same year, age band and hours, by the Kita’s criteria', () => {
		const ids = (list: QueueRow[]) => list.map((r) => r.id);
		expect(ids(nextCandidates(rows, freed, ['siblingAtKita', 'livesInMunicipality']))).toEqual([
			sibling.id,
			resident.id,
			early.id
		]);
		expect(ids(nextCandidates(rows, freed, ['livesInMunicipality', 'siblingAtKita']))).toEqual([
			resident.id,
			sibling.id,
			early.id
		]);
		// Without criteria the registration date decides; at most `count`.
		expect(ids(nextCandidates(rows, freed, [], [], 2))).toEqual([early.id, sibling.id]);
	});

	it('follows the staff’s moves, as the queue sorted by criteria does', () => {
		const ids = (list: QueueRow[]) => list.map((r) => r.id);
		// The earliest registration moved behind the resident family, with a reason.
		const moved = nextCandidates(
			rows,
			freed,
			['siblingAtKita', 'livesInMunicipality'],
			[
				{
					id: 'm1',
					requestId: sibling.id,
					facilityId: 'k',
					kitaYearId: '2027-28',
					anchorRequestId: early.id,
					placement: 'after',
					reason: 'Geschwisterkind zieht weg',
					movedAt: '2026-11-30T10:00:00.000Z'
				}
			]
		);
		expect(ids(moved)).toEqual([resident.id, early.id, sibling.id]);
	});

	it('suggests for a declined or lapsed offer too, and nothing while the place is not free', () => {
		expect(nextCandidates(rows, { ...freed, status: 'declined' }, [])).toHaveLength(3);
		expect(nextCandidates(rows, { ...freed, status: 'expired' }, [])).toHaveLength(3);
		for (const status of [
			'registered',
			'offered',
			'accepted',
			'contracted',
			'rejected',
			'withdrawn'
		] as const)
			expect(nextCandidates(rows, { ...freed, status }, [])).toEqual([]);
	});
});
