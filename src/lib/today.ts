// Today's calendar day in Germany, in a module of its own: the finder's first load needs only this
// of `$lib/format` (which re-exports it), and has 60 KB for everything.
import type { Day } from '$lib/domain/calendar-day';

/** Built once: a formatter costs far more to make than to use (the server asks on every request). */
let germanDay: Intl.DateTimeFormat | undefined;

/** Today's calendar day in Germany, whatever the device's time zone. */
export function today(): Day {
	germanDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' });
	return germanDay.format(new Date());
}
