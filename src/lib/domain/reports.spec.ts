import { describe, expect, it } from 'vitest';
import { computeYearReport, quantile, stats, toCsv, type ReportInput } from './reports';

const base: ReportInput = {
	now: new Date('2027-03-01T09:00:00Z'),
	municipalities: [{ id: 'werl', name: 'Werl' }],
	facilities: [
		{ id: 'a', name: 'A', municipalityId: 'werl', active: true },
		{ id: 'off', name: 'Zu', municipalityId: 'werl', active: false }
	],
	capacities: [
		{ facilityId: 'a', ageBand: 'ue3', weeklyHours: 35, places: 3, contracted: 1, offered: 1 },
		{ facilityId: 'off', ageBand: 'ue3', weeklyHours: 35, places: 9, contracted: 0, offered: 0 }
	],
	children: [
		{ id: 'k1', birthDate: '2024-01-01' },
		{ id: 'k2', birthDate: '2024-01-01' },
		{ id: 'k3', birthDate: '2024-01-01' }
	],
	requests: [],
	offersFrom: '2026-11-01',
	events: [],
	contractedChildIds: []
};

function request(
	id: string,
	childId: string,
	status: ReportInput['requests'][number]['status'],
	extra: Partial<ReportInput['requests'][number]> = {}
) {
	return {
		id,
		childId,
		facilityId: 'a',
		registrationNumber: `KP-${childId}`,
		status,
		rank: 1,
		startDate: '2027-08-01',
		weeklyHours: 35 as const,
		registeredAt: '2026-12-01T09:00:00Z',
		offerExpiresAt: null,
		...extra
	};
}

describe('quantiles (R-7, as spreadsheets)', () => {
	it.each([
		[[], 0.5, null],
		[[7], 0.25, 7],
		[[1, 2, 3, 4], 0.5, 2.5],
		[[1, 2, 3, 4], 0.25, 1.75],
		[[1, 2, 3, 4], 0.75, 3.25],
		[[3, 8, 13], 0.25, 5.5]
	])('quantile(%j, %d) = %s', (values, p, expected) => {
		expect(quantile(values, p)).toBe(expected);
	});

	it('summarises values in any order', () => {
		expect(stats([13, 3, 8])).toEqual({ n: 3, min: 3, q1: 5.5, median: 8, q3: 10.5, max: 13 });
		expect(stats([])).toEqual({ n: 0, min: null, q1: null, median: null, q3: null, max: null });
	});
});

describe('computeYearReport', () => {
	it('ignores places of deactivated Kitas and counts a child with a contract elsewhere as placed', () => {
		const report = computeYearReport({
			...base,
			requests: [
				request('r1', 'k1', 'registered'),
				request('r2', 'k2', 'registered'),
				request('r3', 'k3', 'placedElsewhere')
			],
			contractedChildIds: ['k2']
		});
		expect(report.demand.rows).toEqual([
			{
				municipalityId: 'werl',
				municipalityName: 'Werl',
				ageBand: 'ue3',
				weeklyHours: 35,
				places: 3,
				contracted: 1,
				offered: 1,
				free: 1,
				waiting: 1,
				balance: 0
			}
		]);
		// k2 has a place from an earlier year; k3 was placed elsewhere.
		expect(report.legalClaim.map((c) => c.childId)).toEqual(['k1']);
	});

	it('counts a waiting child once, in the cell of its first remaining choice', () => {
		const report = computeYearReport({
			...base,
			requests: [
				request('r1', 'k1', 'rejected', { rank: 1 }),
				request('r2', 'k1', 'registered', { rank: 3, weeklyHours: 45 }),
				request('r3', 'k1', 'registered', { rank: 2, weeklyHours: 25 })
			]
		});
		expect(report.demand.rows.filter((r) => r.waiting > 0).map((r) => r.weeklyHours)).toEqual([25]);
		expect(report.demand.totals.waiting).toBe(1);
	});

	it('sees no claim before the first birthday at the desired start, and none for a family that withdrew', () => {
		const report = computeYearReport({
			...base,
			children: [
				{ id: 'baby', birthDate: '2026-08-02' },
				{ id: 'gone', birthDate: '2024-01-01' }
			],
			requests: [request('r1', 'baby', 'registered'), request('r2', 'gone', 'withdrawn')]
		});
		expect(report.legalClaim).toEqual([]);
	});

	it('counts offers lapsing within three days, and overdue ones the job has not expired yet', () => {
		const report = computeYearReport({
			...base,
			requests: [
				request('r1', 'k1', 'offered', { offerExpiresAt: '2027-03-04T09:00:00Z' }),
				request('r2', 'k2', 'offered', { offerExpiresAt: '2027-03-04T09:00:01Z' }),
				request('r3', 'k3', 'offered', { offerExpiresAt: '2027-02-28T09:00:00Z' })
			]
		});
		expect(report.offers.totals).toEqual({ open: 3, lapsing: 2, accepted: 0, lapsed: 0 });
	});

	it('measures days per child from its first registration, in Europe/Berlin days', () => {
		const report = computeYearReport({
			...base,
			requests: [
				request('r1', 'k1', 'offered', { registeredAt: '2026-12-01T22:30:00Z' }),
				request('r2', 'k1', 'registered', { registeredAt: '2026-12-05T09:00:00Z' })
			],
			// 23:30 on 1 Dec in Soest to 00:30 on 3 Dec: two days.
			events: [{ requestId: 'r1', event: 'offer', toStatus: 'offered', at: '2026-12-02T23:30:00Z' }]
		});
		expect(report.durations.toOffer).toMatchObject({ n: 1, median: 2 });
		expect(report.durations.toContract.n).toBe(0);
	});
});

describe('computeYearReport for one municipality', () => {
	// Two municipalities: a in Werl, b in Ense. k1 registered at a and b, offered at a after 2 days;
	// k2 only at b, waiting; k3 only at a, contracted.
	const both: ReportInput = {
		...base,
		municipalities: [
			{ id: 'werl', name: 'Werl' },
			{ id: 'ense', name: 'Ense' }
		],
		facilities: [
			{ id: 'a', name: 'A', municipalityId: 'werl', active: true },
			{ id: 'b', name: 'B', municipalityId: 'ense', active: true }
		],
		capacities: [
			{ facilityId: 'a', ageBand: 'ue3', weeklyHours: 35, places: 3, contracted: 1, offered: 1 },
			{ facilityId: 'b', ageBand: 'ue3', weeklyHours: 35, places: 5, contracted: 0, offered: 0 }
		],
		requests: [
			request('r1', 'k1', 'offered', { offerExpiresAt: '2027-03-10T09:00:00Z' }),
			request('r2', 'k1', 'registered', { facilityId: 'b', rank: 2 }),
			request('r3', 'k2', 'registered', { facilityId: 'b' }),
			request('r4', 'k3', 'contracted')
		],
		events: [
			{ requestId: 'r1', event: 'offer', toStatus: 'offered', at: '2026-12-03T09:00:00Z' },
			{ requestId: 'r4', event: 'offer', toStatus: 'offered', at: '2026-12-05T09:00:00Z' },
			{ requestId: 'r4', event: 'contract', toStatus: 'contracted', at: '2026-12-11T09:00:00Z' }
		]
	};

	it('shows the whole district without a municipality', () => {
		const report = computeYearReport(both);
		expect(report.demand.rows.map((r) => r.municipalityId)).toEqual(['ense', 'werl']);
		expect(report.kitasPerChild.children).toBe(3);
		expect(report.offers.rows.map((o) => o.facilityId)).toEqual(['a']);
		expect(report.durations.toOffer).toMatchObject({ n: 2, min: 2, max: 4 });
		expect(computeYearReport({ ...both, municipalityId: null })).toEqual(report);
	});

	it("keeps Ense's demand cells, children, offers and durations; k1's offer in Werl still counts as a place", () => {
		const report = computeYearReport({ ...both, municipalityId: 'ense' });
		expect(report.demand.rows).toEqual([
			expect.objectContaining({ municipalityId: 'ense', places: 5, free: 5, waiting: 1, balance: 4 })
		]);
		expect(report.demand.totals).toEqual({
			places: 5,
			contracted: 0,
			offered: 0,
			free: 5,
			waiting: 1,
			balance: 4
		});
		// k2 waits at b; k1 holds an offer (in Werl), so it has a place for the legal claim.
		expect(report.legalClaim.map((c) => c.childId)).toEqual(['k2']);
		// k1 and k2 registered in Ense; k1 at two Kitas in all.
		expect(report.kitasPerChild).toEqual({
			children: 2,
			distribution: [
				{ kitas: 1, children: 1 },
				{ kitas: 2, children: 1 }
			],
			mean: 1.5,
			median: 1.5
		});
		expect(report.offers.rows).toEqual([]);
		expect(report.durations.toOffer.n).toBe(0);
	});

	it("keeps Werl's offers and durations", () => {
		const report = computeYearReport({ ...both, municipalityId: 'werl' });
		expect(report.demand.rows.map((r) => r.municipalityId)).toEqual(['werl']);
		expect(report.offers.rows.map((o) => [o.facilityId, o.open])).toEqual([['a', 1]]);
		expect(report.durations.toOffer).toMatchObject({ n: 2, min: 2, max: 4 });
		expect(report.durations.toContract).toMatchObject({ n: 1, median: 10 });
		expect(report.kitasPerChild.children).toBe(2);
	});
});

describe('toCsv', () => {
	it('writes a BOM, semicolons and CRLF, quotes what needs it and defuses formulas', () => {
		const csv = toCsv(
			['Gemeinde', 'Plätze'],
			[
				['Möhnesee; Nord', 3],
				['Sag "Hallo"', -2],
				['=HYPERLINK("x")', '-4'],
				['Zeile\nzwei', '1,5']
			]
		);
		expect(csv).toBe(
			'\uFEFFGemeinde;Plätze\r\n"Möhnesee; Nord";3\r\n"Sag ""Hallo""";-2\r\n"\'=HYPERLINK(""x"")";-4\r\n"Zeile\nzwei";1,5\r\n'
		);
	});
});
