// The finder's catalogue for the page the server renders (src/routes/kitas/+page.ts): read only.
import { json } from '@sveltejs/kit';
import { requireApp } from '$server/app';
import { publicCatalogue } from '$server/services/catalogue';

export async function GET() {
	return json(await publicCatalogue(requireApp().database.db));
}
