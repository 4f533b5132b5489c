// One Kita's page for the page the server renders (src/routes/kitas/[id]/+page.ts): read only;
// `null` for an unknown or inactive Kita.
import { json } from '@sveltejs/kit';
import { requireApp } from '$server/app';
import { publicFacility } from '$server/services/catalogue';

export async function GET({ params }) {
	return json((await publicFacility(requireApp().database.db, params.id)) ?? null);
}
