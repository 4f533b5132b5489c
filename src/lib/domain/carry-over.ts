// Carry-over (DESIGN.md: "Requests that got no place carry over to the next Kita year; parents need
// not register again"). When a year's allocation ends — on its `allocationEndsOn`, or earlier when
// the youth office closes it — every request that took part and is still `registered` moves to the
// next Kita year. Requests made after that (registrations for the running year are open all year)
// stay, so a Kita can still offer a place that frees up; they move when the year itself ends.
import { compareDays, dayOfInstant, type Day } from './calendar-day';
import type { KitaYear } from './kita-year';

type YearDates = Pick<KitaYear, 'id' | 'startsOn' | 'endsOn' | 'allocationEndsOn'>;

/** Which `registered` requests of a year carry over now. */
export type CarryOverRule =
	/** The year has ended: all of them. */
	| { kind: 'all' }
	/** The youth office closed the allocation at this instant: those registered before it. */
	| { kind: 'registeredBefore'; instant: string }
	/** `allocationEndsOn` has passed: those registered on or before that day (Europe/Berlin). */
	| { kind: 'registeredUpTo'; day: Day };

/** The rule in force for `year` on `today`, or null while its allocation is still running. */
export function carryOverRule(year: YearDates, closedAt: string | null, today: Day): CarryOverRule | null {
	if (compareDays(today, year.endsOn) > 0) return { kind: 'all' };
	if (closedAt !== null) return { kind: 'registeredBefore', instant: closedAt };
	if (compareDays(today, year.allocationEndsOn) > 0)
		return { kind: 'registeredUpTo', day: year.allocationEndsOn };
	return null;
}

/** Whether a request registered at `registeredAt` (an ISO instant) carries over under `rule`. */
export function carriesOver(rule: CarryOverRule, registeredAt: string): boolean {
	switch (rule.kind) {
		case 'all':
			return true;
		case 'registeredBefore':
			return Date.parse(registeredAt) < Date.parse(rule.instant);
		case 'registeredUpTo':
			return compareDays(dayOfInstant(new Date(registeredAt)), rule.day) <= 0;
	}
}

/** The configured year that follows `year`: the first one starting after it ends. */
export function nextKitaYear<Y extends Pick<KitaYear, 'startsOn' | 'endsOn'>>(
	year: Pick<KitaYear, 'endsOn'>,
	years: readonly Y[]
): Y | undefined {
	return [...years]
		.filter((y) => compareDays(y.startsOn, year.endsOn) > 0)
		.sort((a, b) => compareDays(a.startsOn, b.startsOn))[0];
}

/**
 * The desired start in the next year: a start inside the old year becomes the first day of the new
 * one (the family wanted a place as early as possible); a later start is kept.
 */
export function carriedStartDate(startDate: Day, to: Pick<KitaYear, 'startsOn'>): Day {
	return compareDays(startDate, to.startsOn) < 0 ? to.startsOn : startDate;
}
