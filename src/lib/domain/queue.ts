// A Kita's queue: its requests joined with the children, filtered, sorted, counted and exported as
// CSV. Pure, so that it runs on the office PC's local data offline and is tested without a browser.
// Rows are built once per data change; filtering and sorting 10,000 of them then takes milliseconds.
import { z } from './zod';
import { compareCandidates, type AdmissionCriterion, type CandidateFacts } from './allocation/criteria';
import { applyMoves, rankMoveOf, type QueueMove } from './allocation/moves';
import { dayOfInstant, type Day } from './calendar-day';
import type { AgeBand, WeeklyHours } from './facility';
import type { Child } from './family';
import { ageInMonths } from './kita-year';
import { REQUEST_STATUSES, type RequestStatus } from './placement';
import type { Request } from './request';

export interface QueueRow {
	id: string;
	childId: string;
	familyId: string;
	firstName: string;
	lastName: string;
	birthDate: Day;
	kitaYearId: string;
	status: RequestStatus;
	startDate: Day;
	/** `'2027-08'` */
	startMonth: string;
	weeklyHours: WeeklyHours;
	/** Completed months at the desired start. */
	ageMonths: number;
	ageBand: AgeBand;
	changeRequest: boolean;
	/** A brother or sister has a contract at this Kita. */
	sibling: boolean;
	/** The family's first guardian lives in the Kita's municipality (by postcode). */
	livesInMunicipality: boolean;
	/** The youth office decided a hardship case for the child. */
	hardship: boolean;
	/** Every guardian of the family works or trains (as declared). */
	guardiansEmployedOrTraining: boolean;
	contractElsewhere: boolean;
	registeredAt: string;
	/** The day of registration in Germany. */
	registeredOn: Day;
	offerExpiresAt: string | null;
	comment: string;
	/** Lower-case name without diacritics, for the name filter. */
	search: string;
}

/** Lower case, umlauts spelt out, other diacritics dropped: "Müller" finds "Mueller" and "muller". */
export function searchText(value: string): string {
	return value
		.toLocaleLowerCase('de')
		.replace(/ß/g, 'ss')
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.normalize('NFD')
		.replace(/\p{M}/gu, '');
}

/** What the criteria read of the families' guardians: where they live, and whether they work. */
export interface FamilyFacts {
	/** Each family's municipality (residence.ts). */
	municipalityOfFamily: ReadonlyMap<string, string>;
	kitaMunicipalityId: string;
	/** The families all of whose guardians work or train (employment.ts). */
	employedFamilies: ReadonlySet<string>;
}

/**
 * The queue of one Kita: its requests with their children. `sibling` looks at every request the
 * Kita holds, so a brother's contract of another Kita year counts too.
 */
export function buildQueueRows(
	requests: readonly Request[],
	children: ReadonlyMap<
		string,
		Pick<Child, 'id' | 'familyId' | 'firstName' | 'lastName' | 'birthDate' | 'hardship'>
	>,
	facilityId: string,
	/** What the criteria read of the families' guardians; absent: unknown (no). */
	families: FamilyFacts | null = null
): QueueRow[] {
	const own = requests.filter((r) => r.facilityId === facilityId);
	const contractedByFamily = new Map<string, Set<string>>();
	for (const r of own) {
		if (r.status !== 'contracted') continue;
		const child = children.get(r.childId);
		if (!child) continue;
		const set = contractedByFamily.get(child.familyId) ?? new Set<string>();
		set.add(child.id);
		contractedByFamily.set(child.familyId, set);
	}
	// Both computations cost tens of microseconds; with 10,000 rows the repeats are worth keeping.
	// Berlin's offset from UTC is whole hours, so the UTC hour fixes the German day.
	const dayOfHour = new Map<string, Day>();
	const ages = new Map<string, number>();
	const rows: QueueRow[] = [];
	for (const r of own) {
		const child = children.get(r.childId);
		// A request whose child has not arrived yet (mid-sync) is shown once it has.
		if (!child) continue;
		const ageKey = `${child.birthDate}|${r.startDate}`;
		let ageMonths = ages.get(ageKey);
		if (ageMonths === undefined) {
			ageMonths = ageInMonths(child.birthDate, r.startDate);
			ages.set(ageKey, ageMonths);
		}
		const hour = r.registeredAt.slice(0, 13);
		let registeredOn = dayOfHour.get(hour);
		if (registeredOn === undefined) {
			registeredOn = dayOfInstant(new Date(r.registeredAt));
			dayOfHour.set(hour, registeredOn);
		}
		const siblings = contractedByFamily.get(child.familyId);
		rows.push({
			id: r.id,
			childId: child.id,
			familyId: child.familyId,
			firstName: child.firstName,
			lastName: child.lastName,
			birthDate: child.birthDate,
			kitaYearId: r.kitaYearId,
			status: r.status,
			startDate: r.startDate,
			startMonth: r.startDate.slice(0, 7),
			weeklyHours: r.weeklyHours,
			ageMonths,
			ageBand: ageMonths < 36 ? 'u3' : 'ue3',
			changeRequest: r.changeRequest,
			sibling: siblings !== undefined && [...siblings].some((id) => id !== child.id),
			livesInMunicipality:
				families !== null &&
				families.municipalityOfFamily.get(child.familyId) === families.kitaMunicipalityId,
			guardiansEmployedOrTraining: families?.employedFamilies.has(child.familyId) ?? false,
			hardship: child.hardship === true,
			contractElsewhere: r.contractElsewhere === true,
			registeredAt: r.registeredAt,
			registeredOn,
			offerExpiresAt: r.offerExpiresAt,
			comment: r.comment,
			search: searchText(`${child.firstName} ${child.lastName}`)
		});
	}
	return rows;
}

const yesNo = z.enum(['', 'yes', 'no']).catch('');
const dayOrEmpty = z
	.string()
	.regex(/^(\d{4}-\d{2}-\d{2})?$/)
	.catch('');
const monthsOrNull = z.coerce.number().int().min(0).max(144).nullable().catch(null);

/** The filter as the URL carries it; anything malformed falls back to "any". */
export const queueFilterSchema = z.object({
	kitaYearId: z.string().max(20).catch(''),
	statuses: z.array(z.enum(REQUEST_STATUSES)).catch([]),
	startMonth: z
		.string()
		.regex(/^(\d{4}-\d{2})?$/)
		.catch(''),
	ageBand: z.enum(['', 'u3', 'ue3']).catch(''),
	minAgeMonths: monthsOrNull,
	maxAgeMonths: monthsOrNull,
	weeklyHours: z.enum(['', '25', '35', '45']).catch(''),
	changeRequest: yesNo,
	sibling: yesNo,
	contractElsewhere: yesNo,
	registeredFrom: dayOrEmpty,
	registeredTo: dayOrEmpty,
	name: z.string().max(100).catch('')
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const EMPTY_QUEUE_FILTER: QueueFilter = queueFilterSchema.parse({});

function matchesYesNo(value: boolean, wanted: '' | 'yes' | 'no'): boolean {
	return wanted === '' || value === (wanted === 'yes');
}

/** Every condition except the status: the status counts are taken after this. */
function matchesExceptStatus(row: QueueRow, f: QueueFilter, words: string[]): boolean {
	return (
		(f.kitaYearId === '' || row.kitaYearId === f.kitaYearId) &&
		(f.startMonth === '' || row.startMonth === f.startMonth) &&
		(f.ageBand === '' || row.ageBand === f.ageBand) &&
		(f.minAgeMonths === null || row.ageMonths >= f.minAgeMonths) &&
		(f.maxAgeMonths === null || row.ageMonths <= f.maxAgeMonths) &&
		(f.weeklyHours === '' || row.weeklyHours === Number(f.weeklyHours)) &&
		matchesYesNo(row.changeRequest, f.changeRequest) &&
		matchesYesNo(row.sibling, f.sibling) &&
		matchesYesNo(row.contractElsewhere, f.contractElsewhere) &&
		(f.registeredFrom === '' || row.registeredOn >= f.registeredFrom) &&
		(f.registeredTo === '' || row.registeredOn <= f.registeredTo) &&
		words.every((w) => row.search.includes(w))
	);
}

function nameWords(name: string): string[] {
	return searchText(name).split(/\s+/).filter(Boolean);
}

export function filterQueue(rows: readonly QueueRow[], f: QueueFilter): QueueRow[] {
	const words = nameWords(f.name);
	const statuses = new Set(f.statuses);
	return rows.filter(
		(row) => (statuses.size === 0 || statuses.has(row.status)) && matchesExceptStatus(row, f, words)
	);
}

/** How many requests per status the other filters leave: the numbers on the status buttons. */
export function statusCounts(rows: readonly QueueRow[], f: QueueFilter): Record<RequestStatus, number> {
	const words = nameWords(f.name);
	const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
	for (const row of rows) if (matchesExceptStatus(row, f, words)) counts[row.status]++;
	return counts;
}

export const QUEUE_COLUMNS = [
	'name',
	'birthDate',
	'ageMonths',
	'kitaYearId',
	'startDate',
	'weeklyHours',
	'status',
	'changeRequest',
	'sibling',
	'contractElsewhere',
	'registeredAt',
	'offerExpiresAt'
] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number];

/** The columns, and `criteria`: the Kita's published admission criteria (issue 17, point 2). */
export const QUEUE_SORT_KEYS = [...QUEUE_COLUMNS, 'criteria'] as const;
export type QueueSortKey = (typeof QUEUE_SORT_KEYS)[number];

/**
 * Criteria the portal records no facts for (no field in the family's or the youth office's data):
 * every child would count as not meeting them. None today: hardship is the youth office's decision
 * ("Härtefälle" on /verwaltung/kindergartenjahre), employment the guardians' declaration (/familie, or the desk).
 */
export const UNRECORDED_CRITERIA: readonly AdmissionCriterion[] = [];

/** What the criteria read of a queue row (see UNRECORDED_CRITERIA for what is not known). */
function candidateFacts(row: QueueRow): CandidateFacts {
	return {
		childId: row.childId,
		siblingAtKita: row.sibling,
		livesInMunicipality: row.livesInMunicipality,
		birthDate: row.birthDate,
		startDate: row.startDate,
		ageMonthsAtStart: row.ageMonths,
		hardship: row.hardship,
		guardiansEmployedOrTraining: row.guardiansEmployedOrTraining,
		registeredAt: row.registeredAt
	};
}

export const queueSortSchema = z.object({
	key: z.enum(QUEUE_SORT_KEYS).catch('registeredAt'),
	dir: z.enum(['asc', 'desc']).catch('asc')
});
export type QueueSort = z.infer<typeof queueSortSchema>;

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });
// The workflow order of a request, so "status" sorts the way staff work through the queue.
const STATUS_ORDER = new Map(REQUEST_STATUSES.map((s, i) => [s, i]));

function compareBy(key: QueueColumn): (a: QueueRow, b: QueueRow) => number {
	switch (key) {
		case 'name':
			return (a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
		case 'birthDate':
		case 'startDate':
		case 'registeredAt':
		case 'kitaYearId':
			return (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);
		case 'offerExpiresAt':
			// Requests without an open offer sort after those with one, either way round.
			return (a, b) => {
				const x = a.offerExpiresAt ?? '\uffff';
				const y = b.offerExpiresAt ?? '\uffff';
				return x < y ? -1 : x > y ? 1 : 0;
			};
		case 'ageMonths':
		case 'weeklyHours':
			return (a, b) => a[key] - b[key];
		case 'status':
			return (a, b) => (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0);
		case 'changeRequest':
		case 'sibling':
		case 'contractElsewhere':
			return (a, b) => Number(b[key]) - Number(a[key]);
	}
}

/**
 * A new sorted array; ties keep the order of registration (first come is shown first). By
 * `criteria`: `rankQueue`, reversed for descending.
 */
export function sortQueue(
	rows: readonly QueueRow[],
	sort: QueueSort,
	criteria: readonly AdmissionCriterion[] = [],
	moves: readonly QueueMove[] = []
): QueueRow[] {
	if (sort.key === 'criteria') {
		const ranked = rankQueue(rows, criteria, moves);
		return sort.dir === 'asc' ? ranked : ranked.reverse();
	}
	const primary = compareBy(sort.key);
	const sign = sort.dir === 'asc' ? 1 : -1;
	return [...rows].sort(
		(a, b) => sign * primary(a, b) || a.registeredAt.localeCompare(b.registeredAt) || a.id.localeCompare(b.id)
	);
}

/**
 * The Kita's ranking, best candidate first: its admission criteria in its order with the
 * registration date always last (as its page tells parents), then the moves its staff made with a
 * written reason (allocation/moves.ts). Rank all rows, then filter: a move then holds in every view.
 */
export function rankQueue(
	rows: readonly QueueRow[],
	criteria: readonly AdmissionCriterion[],
	moves: readonly QueueMove[] = []
): QueueRow[] {
	const primary = byCriteria(criteria);
	const ranked = [...rows].sort(
		(a, b) => primary(a, b) || a.registeredAt.localeCompare(b.registeredAt) || a.id.localeCompare(b.id)
	);
	return applyMoves(ranked, (row) => row.id, moves.map(rankMoveOf));
}

function byCriteria(criteria: readonly AdmissionCriterion[]): (a: QueueRow, b: QueueRow) => number {
	// The lottery's seed does not matter here: the registration date comes last and instants rarely tie.
	const compare = compareCandidates([...criteria, 'registrationDate'], 0);
	return (a, b) => compare(candidateFacts(a), candidateFacts(b));
}

export interface CsvLabels {
	headers: Record<QueueColumn, string>;
	status: (status: RequestStatus) => string;
	yes: string;
	no: string;
	/** e.g. `'01.08.2027'` */
	day: (day: Day) => string;
	/** e.g. `'02.12.2026, 10:00'` */
	instant: (iso: string) => string;
}

const BOM = '\uFEFF';

// Spreadsheet programs run cells that start with these as formulas (CSV injection).
function cell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The rows as CSV for German spreadsheet programs: UTF-8 with BOM (so umlauts open right),
 * semicolons between fields, CRLF between lines, in the order given.
 */
export function queueCsv(rows: readonly QueueRow[], labels: CsvLabels): string {
	const value = (row: QueueRow, column: QueueColumn): string => {
		switch (column) {
			case 'name':
				return `${row.lastName}, ${row.firstName}`;
			case 'birthDate':
			case 'startDate':
				return labels.day(row[column]);
			case 'ageMonths':
			case 'weeklyHours':
				return String(row[column]);
			case 'kitaYearId':
				return row.kitaYearId.replace('-', '/');
			case 'status':
				return labels.status(row.status);
			case 'changeRequest':
			case 'sibling':
			case 'contractElsewhere':
				return row[column] ? labels.yes : labels.no;
			case 'registeredAt':
				return labels.instant(row.registeredAt);
			case 'offerExpiresAt':
				return row.offerExpiresAt ? labels.instant(row.offerExpiresAt) : '';
		}
	};
	const lines = [
		QUEUE_COLUMNS.map((c) => cell(labels.headers[c])).join(';'),
		...rows.map((row) => QUEUE_COLUMNS.map((c) => cell(value(row, c))).join(';'))
	];
	return BOM + lines.join('\r\n') + '\r\n';
}
