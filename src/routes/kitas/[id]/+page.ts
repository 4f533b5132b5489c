// A Kita's page renders on the server with its facts and free places (see $lib/client/server-data).
import type { Capacity, Facility, Municipality } from '$lib/domain/facility';
import type { KitaYear } from '$lib/domain/kita-year';
import { serverData } from '$lib/client/server-data';
import type { PageLoad } from './$types';

export const ssr = true;

export const load: PageLoad = async ({ fetch, params }) => ({
	kita: await serverData<{
		facility: Facility;
		municipality: Municipality | undefined;
		years: KitaYear[];
		capacities: Capacity[];
	} | null>(fetch, `/api/public/kitas/${encodeURIComponent(params.id)}`)
});
