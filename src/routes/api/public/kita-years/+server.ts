// The Kita years for the start page the server renders (src/routes/+page.ts): read only.
import { json } from '@sveltejs/kit';
import { requireApp } from '$server/app';
import { listKitaYears } from '$server/services/catalogue';

export async function GET() {
	return json(await listKitaYears(requireApp().database.db));
}
