import { describe, expect, it } from 'vitest';
import type { Child } from './family';
import type { RequestStatus } from './placement';
import { residenceOfFamilies } from './residence';
import {
	buildQueueRows,
	EMPTY_QUEUE_FILTER,
	filterQueue,
	queueCsv,
	queueFilterSchema,
	rankQueue,
	sortQueue,
	statusCounts,
	type CsvLabels,
	type QueueFilter,
	type QueueRow,
	type QueueSort
} from './queue';
import type { Request } from './request';

const KITA = 'k0000000-0000-4000-8000-000000000001';
const OTHER = 'k0000000-0000-4000-8000-000000000002';

let n = 0;
function child(over: Partial<Child> = {}): Child {
	n++;
	return {
		id: `c${n}`,
		familyId: `f${n}`,
		firstName: 'Mia',
		lastName: 'Muster',
		birthDate: '2024-03-10',
		...over
	};
}

function request(c: Child, over: Partial<Request> = {}): Request {
	n++;
	return {
		id: `r${n}`,
		registrationId: `g${n}`,
		childId: c.id,
		facilityId: KITA,
		kitaYearId: '2027-28',
		rank: null,
		startDate: '2027-08-01',
		weeklyHours: 35,
		changeRequest: false,
		comment: '',
		status: 'registered',
		registeredAt: '2026-11-02T10:00:00.000Z',
		offeredAt: null,
		offerExpiresAt: null,
		offer: null,
		rejectReason: null,
		rejectNote: null,
		updatedAt: '2026-11-02T10:00:00.000Z',
		contractElsewhere: false,
		...over
	};
}

function queue(pairs: [Child, Request][]): QueueRow[] {
	return buildQueueRows(
		pairs.map(([, r]) => r),
		new Map(pairs.map(([c]) => [c.id, c])),
		KITA
	);
}

const filter = (over: Partial<QueueFilter>): QueueFilter => ({ ...EMPTY_QUEUE_FILTER, ...over });
const ids = (rows: QueueRow[]) => rows.map((r) => r.id);

describe('buildQueueRows', () => {
	it('joins children, computes the age at the desired start and its band, and keeps only this Kita', () => {
		const mia = child({ birthDate: '2024-08-02' });
		const rows = queue([
			[mia, request(mia, { startDate: '2027-08-01' })],
			[mia, request(mia, { facilityId: OTHER })]
		]);
		expect(rows).toHaveLength(1);
		// 2 Aug 2024 → 1 Aug 2027: one day short of three years
		expect(rows[0]).toMatchObject({
			ageMonths: 35,
			ageBand: 'u3',
			startMonth: '2027-08',
			registeredOn: '2026-11-02'
		});
	});

	it('marks siblings: another child of the family has a contract at this Kita', () => {
		const big = child({ familyId: 'fam', firstName: 'Ben' });
		const small = child({ familyId: 'fam', firstName: 'Ida' });
		const alone = child({ familyId: 'solo' });
		const rows = queue([
			[big, request(big, { status: 'contracted', kitaYearId: '2026-27' })],
			[small, request(small)],
			[alone, request(alone)]
		]);
		expect(rows.map((r) => [r.firstName, r.sibling])).toEqual([
			['Ben', false],
			['Ida', true],
			['Mia', false]
		]);
	});

	it('skips a request whose child has not arrived yet', () => {
		const ghost = child();
		expect(buildQueueRows([request(ghost)], new Map(), KITA)).toEqual([]);
	});
});

describe('filterQueue and statusCounts', () => {
	const a = child({ firstName: 'Jörg', lastName: 'Müller', birthDate: '2023-01-15' });
	const b = child({ firstName: 'Ana', lastName: 'Şahin', birthDate: '2025-02-01' });
	const c = child({ firstName: 'Lea', lastName: 'Schmidt', birthDate: '2024-06-30' });
	const rows = queue([
		[a, request(a, { status: 'offered', weeklyHours: 45, registeredAt: '2026-10-05T08:00:00.000Z' })],
		[
			b,
			request(b, {
				startDate: '2027-09-01',
				changeRequest: true,
				contractElsewhere: true,
				registeredAt: '2026-11-20T08:00:00.000Z'
			})
		],
		[c, request(c, { kitaYearId: '2026-27', startDate: '2027-02-01', weeklyHours: 25, status: 'rejected' })]
	]);
	const [ra, rb, rc] = rows.map((r) => r.id);

	it.each<[string, Partial<QueueFilter>, (string | undefined)[]]>([
		['no filter', {}, [ra, rb, rc]],
		['Kita year', { kitaYearId: '2026-27' }, [rc]],
		['status', { statuses: ['offered', 'rejected'] }, [ra, rc]],
		['start month', { startMonth: '2027-09' }, [rb]],
		['age band U3', { ageBand: 'u3' }, [rb, rc]],
		['age band Ü3', { ageBand: 'ue3' }, [ra]],
		// a is 54 months at its start, b and c are 31
		['age from 32 months', { minAgeMonths: 32 }, [ra]],
		['age up to 31 months', { maxAgeMonths: 31 }, [rb, rc]],
		['weekly hours', { weeklyHours: '25' }, [rc]],
		['Wechselwunsch', { changeRequest: 'yes' }, [rb]],
		['no Wechselwunsch', { changeRequest: 'no' }, [ra, rc]],
		['contract elsewhere', { contractElsewhere: 'yes' }, [rb]],
		['registered from', { registeredFrom: '2026-11-01' }, [rb, rc]],
		['registered until', { registeredTo: '2026-10-31' }, [ra]],
		['name with umlaut typed plainly', { name: 'mueller' }, [ra]],
		['name without diacritics', { name: 'sahin ana' }, [rb]],
		['name part', { name: 'SCHM' }, [rc]],
		['siblings', { sibling: 'yes' }, []]
	])('%s', (_what, over, expected) => {
		expect(ids(filterQueue(rows, filter(over)))).toEqual(expected);
	});

	it('counts per status under the other filters, whatever status is chosen', () => {
		const counts = statusCounts(rows, filter({ statuses: ['offered'], weeklyHours: '' }));
		expect(counts).toMatchObject({ registered: 1, offered: 1, rejected: 1, contracted: 0 });
		expect(statusCounts(rows, filter({ kitaYearId: '2027-28' }))).toMatchObject({
			registered: 1,
			offered: 1,
			rejected: 0
		});
	});

	it('reads a filter from untrusted input, falling back to "any"', () => {
		expect(
			queueFilterSchema.parse({
				statuses: ['offered', 'nonsense'],
				minAgeMonths: '24',
				ageBand: 'x',
				registeredFrom: 'soon'
			})
		).toEqual({ ...EMPTY_QUEUE_FILTER, minAgeMonths: 24 });
	});
});

describe('sortQueue', () => {
	const people = [
		child({ lastName: 'Öztürk', firstName: 'Can', birthDate: '2023-05-01' }),
		child({ lastName: 'Adam', firstName: 'Zoe', birthDate: '2024-01-01' }),
		child({ lastName: 'Ober', firstName: 'Eva', birthDate: '2022-12-24' })
	];
	const statuses: RequestStatus[] = ['contracted', 'registered', 'offered'];
	const rows = queue(
		people.map((p, i) => [
			p,
			request(p, {
				status: statuses[i],
				weeklyHours: ([45, 25, 35] as const)[i],
				registeredAt: `2026-10-0${3 - i}T08:00:00.000Z`,
				offerExpiresAt: i === 2 ? '2026-12-16T09:00:00.000Z' : null,
				changeRequest: i === 1
			})
		])
	);
	const names = (sorted: QueueRow[]) => sorted.map((r) => r.lastName);

	it.each<[QueueSort, string[]]>([
		[{ key: 'name', dir: 'asc' }, ['Adam', 'Ober', 'Öztürk']],
		[{ key: 'name', dir: 'desc' }, ['Öztürk', 'Ober', 'Adam']],
		[{ key: 'birthDate', dir: 'asc' }, ['Ober', 'Öztürk', 'Adam']],
		[{ key: 'ageMonths', dir: 'desc' }, ['Ober', 'Öztürk', 'Adam']],
		[{ key: 'weeklyHours', dir: 'asc' }, ['Adam', 'Ober', 'Öztürk']],
		[{ key: 'status', dir: 'asc' }, ['Adam', 'Ober', 'Öztürk']],
		[{ key: 'registeredAt', dir: 'asc' }, ['Ober', 'Adam', 'Öztürk']],
		[{ key: 'changeRequest', dir: 'asc' }, ['Adam', 'Ober', 'Öztürk']],
		[{ key: 'offerExpiresAt', dir: 'asc' }, ['Ober', 'Adam', 'Öztürk']]
	])('%o', (sort, expected) => {
		expect(names(sortQueue(rows, sort))).toEqual(expected);
	});

	it('breaks ties by registration, first come first', () => {
		expect(names(sortQueue(rows, { key: 'kitaYearId', dir: 'desc' }))).toEqual(['Ober', 'Adam', 'Öztürk']);
	});
});

describe('sortQueue by the Kita’s admission criteria', () => {
	// Registered in the order of the letters; desired start 1 Aug 2027.
	const family = 'f-sibling';
	const a = child({ lastName: 'A', birthDate: '2025-10-01' }); // 22 months: claim to early care
	const d = child({ lastName: 'D', birthDate: '2021-05-01', familyId: family }); // contract here
	const b = child({ lastName: 'B', birthDate: '2023-01-01' }); // 4 years: claim to a Kita place
	const c = child({ lastName: 'C', birthDate: '2026-09-01', familyId: family }); // 11 months; D's sister
	const e = child({ lastName: 'E', birthDate: '2026-10-01' }); // 10 months
	const rows = queue(
		[a, d, b, c, e].map((k, i) => [
			k,
			request(k, {
				registeredAt: `2026-10-0${i + 1}T08:00:00.000Z`,
				status: k === d ? 'contracted' : 'registered'
			})
		])
	);
	const names = (sorted: QueueRow[]) => sorted.map((r) => r.lastName);
	const criteria = { key: 'criteria', dir: 'asc' } as const;
	const children = new Map([a, b, c, d, e].map((k) => [k.id, k]));

	it('ranks by the criteria in the Kita’s order, then by registration', () => {
		expect(names(sortQueue(rows, criteria, ['siblingAtKita', 'legalClaimByAge']))).toEqual([
			'C',
			'D',
			'B',
			'A',
			'E'
		]);
		expect(names(sortQueue(rows, criteria, ['legalClaimByAge', 'siblingAtKita']))).toEqual([
			'D',
			'B',
			'A',
			'C',
			'E'
		]);
		expect(
			names(sortQueue(rows, { ...criteria, dir: 'desc' }, ['legalClaimByAge', 'siblingAtKita']))
		).toEqual(['E', 'C', 'A', 'B', 'D']);
	});

	it('ranks families living in the Kita’s municipality first where the Kita applies residence', () => {
		const living = buildQueueRows(
			rows.map((r) =>
				request(children.get(r.childId) ?? a, { id: r.id, registeredAt: r.registeredAt, status: r.status })
			),
			children,
			KITA,
			{
				employedFamilies: new Set(),
				municipalityOfFamily: residenceOfFamilies(
					[
						{ familyId: e.familyId, position: 1, postcode: '59457' },
						{ familyId: a.familyId, position: 2, postcode: '59458' }
					],
					[{ id: 'werl', postcodes: [{ postcode: '59457' }, { postcode: '59458' }] }]
				),
				kitaMunicipalityId: 'werl'
			}
		);
		expect(living.find((r) => r.lastName === 'E')?.livesInMunicipality).toBe(true);
		expect(names(sortQueue(living, criteria, ['livesInMunicipality']))).toEqual(['E', 'A', 'D', 'B', 'C']);
	});

	it('applies the staff’s moves after the criteria, in every filtered view', () => {
		const byCriteria = ['siblingAtKita', 'legalClaimByAge'] as const;
		const idOf = (name: string) => rows.find((r) => r.lastName === name)?.id ?? '';
		const moves = [
			{
				id: 'm1',
				requestId: idOf('E'),
				anchorRequestId: idOf('B'),
				facilityId: KITA,
				kitaYearId: '2027-28',
				placement: 'before' as const,
				reason: 'Härtefall',
				movedAt: '2026-12-01T10:00:00.000Z'
			}
		];
		expect(names(sortQueue(rows, criteria, [...byCriteria], moves))).toEqual(['C', 'D', 'E', 'B', 'A']);
		expect(names(sortQueue(rows, { ...criteria, dir: 'desc' }, [...byCriteria], moves))).toEqual([
			'A',
			'B',
			'E',
			'D',
			'C'
		]);
		// Ranked first, then filtered: the move holds when D (contracted) is filtered out.
		const registered = filterQueue(rankQueue(rows, [...byCriteria], moves), {
			...EMPTY_QUEUE_FILTER,
			statuses: ['registered']
		});
		expect(names(registered)).toEqual(['C', 'E', 'B', 'A']);
		// Another sort key ignores the moves.
		expect(names(sortQueue(rows, { key: 'registeredAt', dir: 'asc' }, [...byCriteria], moves))).toEqual([
			'A',
			'D',
			'B',
			'C',
			'E'
		]);
	});

	it('reads the youth office’s hardship decision where the Kita applies hardship', () => {
		const decided = new Map([...children].map(([id, k]) => [id, { ...k, hardship: k === c }]));
		const withHardship = buildQueueRows(
			rows.map((r) =>
				request(children.get(r.childId) ?? a, { id: r.id, registeredAt: r.registeredAt, status: r.status })
			),
			decided,
			KITA
		);
		expect(withHardship.find((r) => r.lastName === 'C')?.hardship).toBe(true);
		expect(names(sortQueue(withHardship, criteria, ['hardship']))).toEqual(['C', 'A', 'D', 'B', 'E']);
	});

	it('reads the guardians’ employment where the Kita applies it', () => {
		const working = buildQueueRows(
			rows.map((r) =>
				request(children.get(r.childId) ?? a, { id: r.id, registeredAt: r.registeredAt, status: r.status })
			),
			children,
			KITA,
			{ municipalityOfFamily: new Map(), kitaMunicipalityId: '', employedFamilies: new Set([b.familyId]) }
		);
		expect(working.find((r) => r.lastName === 'B')?.guardiansEmployedOrTraining).toBe(true);
		expect(names(sortQueue(working, criteria, ['guardiansEmployedOrTraining']))).toEqual([
			'B',
			'A',
			'D',
			'C',
			'E'
		]);
	});

	it('falls back to the registration date where the Kita published none or no child meets them', () => {
		expect(names(sortQueue(rows, criteria))).toEqual(['A', 'D', 'B', 'C', 'E']);
		expect(names(sortQueue(rows, criteria, ['guardiansEmployedOrTraining']))).toEqual([
			'A',
			'D',
			'B',
			'C',
			'E'
		]);
	});
});

describe('queueCsv', () => {
	const labels: CsvLabels = {
		headers: {
			name: 'Name',
			birthDate: 'Geburtsdatum',
			ageMonths: 'Alter (Monate)',
			kitaYearId: 'Kindergartenjahr',
			startDate: 'Beginn',
			weeklyHours: 'Stunden',
			status: 'Status',
			changeRequest: 'Wechselwunsch',
			sibling: 'Geschwister',
			contractElsewhere: 'Vertrag anderswo',
			registeredAt: 'Angemeldet',
			offerExpiresAt: 'Antwort bis'
		},
		status: (s) => (s === 'registered' ? 'Angemeldet' : s),
		yes: 'ja',
		no: 'nein',
		day: (d) => d.split('-').reverse().join('.'),
		instant: (iso) => iso.slice(0, 10)
	};

	it('writes UTF-8 with BOM, semicolons and CRLF, umlauts as they are', () => {
		const c = child({ lastName: 'Größer', firstName: 'Jörn' });
		const csv = queueCsv(queue([[c, request(c)]]), labels);
		expect(csv.startsWith('\uFEFFName;Geburtsdatum;')).toBe(true);
		const lines = csv.split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toBe(
			'Größer, Jörn;10.03.2024;40;2027/28;01.08.2027;35;Angemeldet;nein;nein;nein;2026-11-02;'
		);
		expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
	});

	it('quotes separators and quotes, and defuses formulas', () => {
		const c = child({ lastName: '=HYPERLINK("x")', firstName: 'A;B' });
		const line = queueCsv(queue([[c, request(c)]]), labels).split('\r\n')[1] ?? '';
		expect(line.startsWith(`"'=HYPERLINK(""x""), A;B";`)).toBe(true);
	});
});
