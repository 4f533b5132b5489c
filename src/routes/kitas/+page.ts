// The finder renders on the server with the catalogue (see $lib/client/server-data), so that it
// lists Kitas before and without JavaScript; the filter is in the query, which the page reads.
import type { Municipality } from '$lib/domain/facility';
import type { FinderFacility } from '$lib/domain/finder';
import { serverData } from '$lib/client/server-data';
import type { PageLoad } from './$types';

export const ssr = true;

export const load: PageLoad = async ({ fetch }) => ({
	catalogue: await serverData<{ facilities: FinderFacility[]; municipalities: Municipality[] }>(
		fetch,
		'/api/public/catalogue'
	)
});
