// Calendar days without a time of day or a zone: birth dates, start dates, Kita-year dates.
// Computed with plain integer arithmetic, so neither the host's time zone nor DST can shift a day.

/**
 * A calendar day as an ISO 8601 string `'YYYY-MM-DD'` (years 0000–9999), e.g. `'2026-08-01'`.
 *
 * A string rather than a `Date`, because a `Date` is an instant and turns into the previous or
 * next day as soon as it is read in another time zone. Valid days sort and compare correctly as
 * strings, and they serialise, store and travel through sync unchanged. Check untrusted input
 * with `isDay`; the functions here throw a `RangeError` on anything that is not a real day.
 */
export type Day = string;

export interface DayParts {
	year: number;
	/** 1–12 */
	month: number;
	/** 1–31 */
	day: number;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 0;
const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidParts(year: number, month: number, day: number): boolean {
	return (
		Number.isInteger(year) &&
		Number.isInteger(month) &&
		Number.isInteger(day) &&
		year >= MIN_YEAR &&
		year <= MAX_YEAR &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month)
	);
}

function parse(s: string): DayParts | null {
	const match = DAY_PATTERN.exec(s);
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	return isValidParts(year, month, day) ? { year, month, day } : null;
}

/** True for a real calendar day in `'YYYY-MM-DD'` form: `'2024-02-29'` yes, `'2025-02-29'` no. */
export function isDay(s: string): boolean {
	return parse(s) !== null;
}

/** The day of a year, month (1–12) and day of month; throws `RangeError` if there is no such day. */
export function toDay(year: number, month: number, day: number): Day {
	if (!isValidParts(year, month, day)) {
		throw new RangeError(`Not a calendar day: ${year}-${month}-${day}`);
	}
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function dayParts(day: Day): DayParts {
	const parts = parse(day);
	if (!parts) throw new RangeError(`Not a calendar day: ${day}`);
	return parts;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's civil-date algorithms).
// Date.UTC is avoided on purpose: it maps years 0–99 to 1900–1999.
function toEpochDay({ year, month, day }: DayParts): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const monthFromMarch = (month + 9) % 12;
	const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

function fromEpochDay(epochDay: number): Day {
	const z = epochDay + 719468;
	const era = Math.floor(z / 146097);
	const dayOfEra = z - era * 146097;
	const yearOfEra = Math.floor(
		(dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
			365
	);
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
	const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	return toDay(year, month, day);
}

function assertInteger(n: number, what: string): void {
	if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** The day `n` days later (earlier for negative `n`). */
export function addDays(day: Day, n: number): Day {
	assertInteger(n, 'Number of days');
	return fromEpochDay(toEpochDay(dayParts(day)) + n);
}

/**
 * The same day of the month `n` months later (earlier for negative `n`). When the target month
 * is shorter, the result is its last day: `2024-01-31` + 1 → `2024-02-29`, `2025-01-31` + 1 →
 * `2025-02-28`.
 */
export function addMonths(day: Day, n: number): Day {
	assertInteger(n, 'Number of months');
	const parts = dayParts(day);
	const monthIndex = parts.year * 12 + (parts.month - 1) + n;
	const year = Math.floor(monthIndex / 12);
	const month = monthIndex - year * 12 + 1;
	if (year < MIN_YEAR || year > MAX_YEAR) {
		throw new RangeError(`${day} plus ${n} months is outside the years ${MIN_YEAR}–${MAX_YEAR}`);
	}
	return toDay(year, month, Math.min(parts.day, daysInMonth(year, month)));
}

/** Negative if `a` is before `b`, 0 if the same day, positive if after; fits `Array.sort`. */
export function compareDays(a: Day, b: Day): number {
	dayParts(a);
	dayParts(b);
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Days from `from` to `to`: `daysBetween('2025-12-31', '2026-01-01')` is 1, reversed −1. */
export function daysBetween(from: Day, to: Day): number {
	return toEpochDay(dayParts(to)) - toEpochDay(dayParts(from));
}

export function startOfMonth(day: Day): Day {
	const { year, month } = dayParts(day);
	return toDay(year, month, 1);
}

export function endOfMonth(day: Day): Day {
	const { year, month } = dayParts(day);
	return toDay(year, month, daysInMonth(year, month));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			calendar: 'gregory',
			numberingSystem: 'latn',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/**
 * The calendar day an instant falls on in a time zone — by default the district's, so "today"
 * is the same for a parent's phone abroad, the server in UTC and the office.
 */
export function dayOfInstant(instant: Date, timeZone = 'Europe/Berlin'): Day {
	const ms = instant.getTime();
	if (Number.isNaN(ms)) throw new RangeError('Invalid instant');
	// Days begin on a whole second in every zone (offsets are whole seconds), so the second decides the
	// day: the last answer is kept (formatToParts costs about as much as a statement; every command asks).
	const second = Math.floor(ms / 1000);
	if (lastDay && lastDay.second === second && lastDay.timeZone === timeZone) return lastDay.day;
	const parts = formatterFor(timeZone).formatToParts(instant);
	const part = (type: Intl.DateTimeFormatPartTypes): number =>
		Number(parts.find((p) => p.type === type)?.value);
	const day = toDay(part('year'), part('month'), part('day'));
	lastDay = { second, timeZone, day };
	return day;
}

let lastDay: { second: number; timeZone: string; day: Day } | null = null;
