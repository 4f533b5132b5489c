// The app renders in the browser from the local database (offline first); the server serves the
// shell, the API and nothing page-specific.
import { loadMessages } from '$lib/i18n/messages';
import type { LayoutLoad } from './$types';

export const ssr = false;
export const prerender = false;

// The page's texts in the device's language, before anything renders (see $lib/i18n/messages).
export const load: LayoutLoad = async ({ route }) => {
	await loadMessages(route.id);
};
