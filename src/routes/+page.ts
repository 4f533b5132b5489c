// The start page renders on the server with the Kita years (see $lib/client/server-data) and their
// days as the server formatted them (see $lib/formatted-texts).
import type { KitaYear } from '$lib/domain/kita-year';
import { serverData } from '$lib/client/server-data';
import { formattedPath, type FormattedTexts } from '$lib/formatted-texts';
import { getLocale } from '$lib/i18n/runtime';
import type { PageLoad } from './$types';

export const ssr = true;

export const load: PageLoad = async ({ fetch }) => {
	const years = await serverData<KitaYear[]>(fetch, '/api/public/kita-years');
	const days = (years ?? []).flatMap((y) => [
		y.startsOn,
		y.endsOn,
		y.registrationOpensOn,
		y.offersFrom,
		y.preferredDeadline
	]);
	return {
		years,
		formatted: years && (await serverData<FormattedTexts>(fetch, formattedPath(getLocale(), days, [])))
	};
};
