// A Kita's page renders on the server with its facts and free places (see $lib/client/server-data)
// and their days and numbers as the server formatted them (see $lib/formatted-texts).
import type { Capacity, Facility, Municipality } from '$lib/domain/facility';
import type { KitaYear } from '$lib/domain/kita-year';
import { serverData } from '$lib/client/server-data';
import { formattedPath, type FormattedTexts } from '$lib/formatted-texts';
import { getLocale } from '$lib/i18n/runtime';
import type { PageLoad } from './$types';

export const ssr = true;

export const load: PageLoad = async ({ fetch, params }) => {
	const kita = await serverData<{
		facility: Facility;
		municipality: Municipality | undefined;
		years: KitaYear[];
		capacities: Capacity[];
	} | null>(fetch, `/api/public/kitas/${encodeURIComponent(params.id)}`);
	if (!kita) return { kita, formatted: undefined };
	// What the page formats: each year's first and last day, the ages in years (ageRange).
	const days = kita.years.flatMap((y) => [y.startsOn, y.endsOn]);
	const ages = [kita.facility.minAgeMonths, kita.facility.maxAgeMonths].map((months) => ({
		value: months / 12,
		digits: 1
	}));
	return { kita, formatted: await serverData<FormattedTexts>(fetch, formattedPath(getLocale(), days, ages)) };
};
