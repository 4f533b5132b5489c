// The start page renders on the server with the Kita years (see $lib/client/server-data).
import type { KitaYear } from '$lib/domain/kita-year';
import { serverData } from '$lib/client/server-data';
import type { PageLoad } from './$types';

export const ssr = true;

export const load: PageLoad = async ({ fetch }) => ({
	years: await serverData<KitaYear[]>(fetch, '/api/public/kita-years')
});
