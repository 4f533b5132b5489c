// Locale-aware formatting of days, instants and numbers for the UI.
import type { Day } from '$lib/domain/calendar-day';
import { intlLocale as intlLocaleOf } from '$lib/domain/locale';
import { getLocale } from '$lib/i18n/runtime';

/** The Intl locale for the current UI language (see domain/locale). */
export function intlLocale(locale: string = getLocale()): string {
	return intlLocaleOf(locale);
}

export function formatDay(day: Day): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1))
	);
}

export function formatDateTime(instant: Date): string {
	return new Intl.DateTimeFormat(intlLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	}).format(instant);
}

export function formatNumber(value: number, digits = 0): string {
	return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: digits }).format(value);
}

export { today } from './today';
