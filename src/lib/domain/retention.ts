// How long personal data is kept (data protection). The periods are settings of the server
// (README: RETENTION_*); drafts live only in the browser and are cleared there.
import { addDays, addMonths, compareDays, type Day } from './calendar-day';
import { defaultKitaYear, kitaYearId, kitaYearStartYear } from './kita-year';
import type { RequestStatus } from './placement';
import type { ChildmindingStatus } from './childminding';

/** Form drafts never sent are deleted from the device after this many days (client side). */
export const DRAFT_RETENTION_DAYS = 60;
const MS_PER_DAY = 86_400_000;

export interface RetentionPeriods {
	/** Closed requests and families are anonymised this many days after their Kita year ended. */
	anonymiseAfterDays: number;
	/** Audit entries are deleted this many days after they were written. */
	auditDays: number;
	/** Sent mails, expired sessions and links, old sync rejections: deleted after this many days. */
	transientDays: number;
}

export const DEFAULT_RETENTION: RetentionPeriods = {
	anonymiseAfterDays: 365,
	// The privacy page promises that security (audit) logs are deleted after twelve months.
	auditDays: 365,
	transientDays: 30
};

/** A draft last changed at `updatedAt` (ISO instant) is due for deletion at `now`. */
export function draftExpired(updatedAt: string, now: Date, days = DRAFT_RETENTION_DAYS): boolean {
	const at = Date.parse(updatedAt);
	// An unreadable timestamp cannot prove the draft is young: let it go.
	return Number.isNaN(at) || now.getTime() - at > days * MS_PER_DAY;
}

/** A Kita year that ended on `endsOn` is past its retention on `today`. */
export function yearPastRetention(
	endsOn: Day,
	today: Day,
	periods: Pick<RetentionPeriods, 'anonymiseAfterDays'>
): boolean {
	return compareDays(addDays(endsOn, periods.anonymiseAfterDays), today) < 0;
}

/**
 * The last day a request of a Kita year may be kept (the privacy page's promise: registrations at
 * most until the end of the Kita year after the one registered for) — the following year's end as
 * configured, else as by default (31 Jul). Not a setting: the promise is a ceiling.
 */
export function requestKeptUntil(
	year: { id: string; endsOn: Day },
	configuredEnd: (kitaYearId: string) => Day | undefined
): Day {
	const start = kitaYearStartYear(year.id);
	if (start === null || start + 1 > 9998) return addMonths(year.endsOn, 12);
	return configuredEnd(kitaYearId(start + 1)) ?? defaultKitaYear(start + 1).endsOn;
}

/** On `today` a request kept until `keptUntil` is due for deletion (from the day after). */
export function requestPastPromise(keptUntil: Day, today: Day): boolean {
	return compareDays(today, keptUntil) > 0;
}

/** Statuses a request never leaves again; `contracted` counts once its year is over. */
const FINAL_REQUEST_STATUSES: readonly RequestStatus[] = [
	'rejected',
	'declined',
	'expired',
	'withdrawn',
	'placedElsewhere',
	'released',
	'contracted'
];

/** The request's story is over: nothing will happen to it any more once its year has ended. */
export function requestClosed(status: RequestStatus): boolean {
	return FINAL_REQUEST_STATUSES.includes(status);
}

export function childmindingClosed(status: ChildmindingStatus): boolean {
	return status === 'placed' || status === 'closed' || status === 'withdrawn';
}

/** The instant before which audit entries (or transient records) are deleted. */
export function cutoffInstant(now: Date, days: number): string {
	return new Date(now.getTime() - days * MS_PER_DAY).toISOString();
}
