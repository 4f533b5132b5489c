// The Kita year (Kindergartenjahr, 1 Aug – 31 Jul) with its registration and allocation dates,
// and the date rules built on it: registration windows, offer deadlines, a child's age.
import { addDays, addMonths, compareDays, dayParts, daysInMonth, toDay, type Day } from './calendar-day';
import type { AgeBand } from './facility';
import type { KitaYearId } from './ids';

/** All dates are settings of the year (DESIGN.md); `defaultKitaYear` gives the usual ones. */
export interface KitaYear {
	/** `'2026-27'` */
	id: KitaYearId;
	/** `'2026/27'` */
	label: string;
	/** 1 Aug of the start year */
	startsOn: Day;
	/** 31 Jul of the following year */
	endsOn: Day;
	/** From this day parents can register for the year while it is still ahead. */
	registrationOpensOn: Day;
	/** Registrations should be in by this day; later ones are still taken. */
	preferredDeadline: Day;
	/** Kitas review registrations until this day. */
	reviewEndsOn: Day;
	/** From this day Kitas may make offers for the year while it is still ahead. */
	offersFrom: Day;
	/** Allocation is expected to be done by this day; informational, nothing is blocked by it. */
	allocationEndsOn: Day;
	/** An offer lapses this many days after it was made. */
	offerResponseDays: number;
}

const KITA_YEAR_ID_PATTERN = /^(\d{4})-(\d{2})$/;
/** A Kita year starts in August. */
const FIRST_MONTH = 8;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** `kitaYearId(2026)` → `'2026-27'` */
export function kitaYearId(startYear: number): KitaYearId {
	assertStartYear(startYear);
	return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}` as KitaYearId;
}

/** The start year of a Kita year id, or `null` if `id` is not one (`'2026-28'` is not). */
export function kitaYearStartYear(id: string): number | null {
	const match = KITA_YEAR_ID_PATTERN.exec(id);
	if (!match) return null;
	const startYear = Number(match[1]);
	return Number(match[2]) === (startYear + 1) % 100 && startYear >= 1 && startYear <= 9998 ? startYear : null;
}

/** `kitaYearLabel(2026)` → `'2026/27'`, as the UI shows it. */
export function kitaYearLabel(startYear: number): string {
	assertStartYear(startYear);
	return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

function assertStartYear(startYear: number): void {
	if (!Number.isInteger(startYear) || startYear < 1 || startYear > 9998) {
		throw new RangeError(`Not a Kita start year: ${startYear}`);
	}
}

/** The Kita year a day belongs to: `'2026-07-31'` → `'2025-26'`, `'2026-08-01'` → `'2026-27'`. */
export function kitaYearIdOf(day: Day): KitaYearId {
	const { year, month } = dayParts(day);
	return kitaYearId(month >= FIRST_MONTH ? year : year - 1);
}

/** A Kita year with the dates of DESIGN.md; the admin can change each of them afterwards. */
export function defaultKitaYear(startYear: number): KitaYear {
	assertStartYear(startYear);
	return {
		id: kitaYearId(startYear),
		label: kitaYearLabel(startYear),
		startsOn: toDay(startYear, 8, 1),
		endsOn: toDay(startYear + 1, 7, 31),
		registrationOpensOn: toDay(startYear - 1, 10, 1),
		preferredDeadline: toDay(startYear - 1, 11, 15),
		reviewEndsOn: toDay(startYear - 1, 11, 30),
		offersFrom: toDay(startYear - 1, 12, 1),
		allocationEndsOn: toDay(startYear, 3, 15),
		offerResponseDays: 14
	};
}

/** The configured Kita year containing `day`, if there is one. */
export function kitaYearFor(day: Day, years: readonly KitaYear[]): KitaYear | undefined {
	return years.find((year) => compareDays(year.startsOn, day) <= 0 && compareDays(day, year.endsOn) <= 0);
}

type YearDates = Pick<KitaYear, 'startsOn' | 'endsOn'>;

/** The year has begun and not ended. */
export function isRunningYear(year: YearDates, today: Day): boolean {
	return compareDays(year.startsOn, today) <= 0 && compareDays(today, year.endsOn) <= 0;
}

function hasEnded(year: YearDates, today: Day): boolean {
	return compareDays(today, year.endsOn) > 0;
}

export type RegistrationWindow =
	{ open: true } | { open: false; reason: 'notYetOpen'; opensOn: Day } | { open: false; reason: 'yearEnded' };

/**
 * Whether parents can register for `year` today: the running year all year round, a coming year
 * from its `registrationOpensOn`, an ended year never (its open requests carry over instead).
 */
export function registrationWindow(
	year: Pick<KitaYear, 'startsOn' | 'endsOn' | 'registrationOpensOn'>,
	today: Day
): RegistrationWindow {
	if (hasEnded(year, today)) return { open: false, reason: 'yearEnded' };
	if (isRunningYear(year, today)) return { open: true };
	if (compareDays(today, year.registrationOpensOn) >= 0) return { open: true };
	return { open: false, reason: 'notYetOpen', opensOn: year.registrationOpensOn };
}

/**
 * Whether Kitas may make offers for `year` today: in the running year at once (a place is free
 * now), for a coming year from `offersFrom`, after the year never.
 */
export function offersOpen(year: Pick<KitaYear, 'startsOn' | 'endsOn' | 'offersFrom'>, today: Day): boolean {
	if (hasEnded(year, today)) return false;
	return isRunningYear(year, today) || compareDays(today, year.offersFrom) >= 0;
}

/**
 * The day an offer made on `offeredOn` lapses, for texts such as "Bitte antworten Sie bis …".
 * The exact moment is `offerExpiresAt`; the two can differ by the hour a DST change moves, so
 * show the instant's time when it is known and let only the server decide expiry.
 */
export function offerAnswerBy(offeredOn: Day, year: Pick<KitaYear, 'offerResponseDays'>): Day {
	return addDays(offeredOn, year.offerResponseDays);
}

/**
 * The instant an offer lapses: `offerResponseDays` × 24 h after the server made it. Only the
 * server computes and enforces it (a job), never a client clock.
 */
export function offerExpiresAt(offeredAt: Date, year: Pick<KitaYear, 'offerResponseDays'>): Date {
	if (Number.isNaN(offeredAt.getTime())) throw new RangeError('Invalid offer instant');
	return new Date(offeredAt.getTime() + year.offerResponseDays * MS_PER_DAY);
}

/**
 * The day on which a child born on `birthDate` completes `months` months, following the
 * age rule of the BGB (§ 187 (2) sentence 2, § 188 (2) and (3)), which SGB VIII ("Vollendung des
 * ersten Lebensjahres") relies on: the birthday counts as a full day, so `n` months are completed
 * at the start of the day with the birth date's number `n` months later; if that month has no
 * such day, at the start of the 1st of the following month.
 */
function monthsCompletedOn(birthDate: Day, months: number): Day {
	const birth = dayParts(birthDate);
	const sameDayNumber = addMonths(birthDate, months);
	const { year, month } = dayParts(sameDayNumber);
	return birth.day > daysInMonth(year, month) ? addDays(sameDayNumber, 1) : sameDayNumber;
}

/**
 * A child's age in completed months on day `at` (see `monthsCompletedOn` for the rule).
 *
 * Born 15 Jan: 1 month on 15 Feb. Born 31 Jan: 1 month on 1 Mar (Feb has no 31st), 2 months on
 * 31 Mar, 3 months on 1 May. Born 29 Feb 2024: 12 months on 1 Mar 2025, 48 months on
 * 29 Feb 2028. Negative before the birth date.
 */
export function ageInMonths(birthDate: Day, at: Day): number {
	const birth = dayParts(birthDate);
	const now = dayParts(at);
	let months = (now.year - birth.year) * 12 + (now.month - birth.month);
	// The calendar-month difference is at most one too high or too low; step onto the exact count.
	while (compareDays(monthsCompletedOn(birthDate, months), at) > 0) months--;
	while (compareDays(monthsCompletedOn(birthDate, months + 1), at) <= 0) months++;
	return months;
}

/** U3 under 36 completed months, Ü3 from the third birthday. */
export function ageBandAt(birthDate: Day, at: Day): AgeBand {
	return ageInMonths(birthDate, at) < 36 ? 'u3' : 'ue3';
}

/** The legal claim to early childhood care starts when the child completes its first year. */
export function hasLegalClaim(birthDate: Day, at: Day): boolean {
	return ageInMonths(birthDate, at) >= 12;
}

/**
 * KiBiz § 5: parents should announce their demand six months before the desired start. True
 * when `startDate` is less than six months after `today` — a hint to show, never a block.
 */
export function kibizShortNotice(startDate: Day, today: Day): boolean {
	return compareDays(startDate, addMonths(today, 6)) < 0;
}

/** Only children already born can be registered; born today counts. */
export function isBorn(birthDate: Day, today: Day): boolean {
	return compareDays(birthDate, today) <= 0;
}
