// The app renders in the browser from the local database (offline first); the server serves the
// shell, the API and the public pages, which say so themselves (`ssr = true` in their +page.ts or
// +page.server.ts): they arrive as HTML in the visitor's language and work without JavaScript.
import { loadOfficeNav } from '$lib/client/office-nav.svelte';
import { storedUser } from '$lib/client/session.svelte';
import { loadMessages } from '$lib/i18n/messages';
import type { LayoutLoad } from './$types';

export const ssr = false;
export const prerender = false;

// The page's texts in the device's language, before anything renders (see $lib/i18n/messages; on
// the server they are all at hand), and the menu of a staff or office user remembered here.
export const load: LayoutLoad = async ({ route }) => {
	await Promise.all([loadMessages(route.id), loadOfficeNav(storedUser()?.role)]);
};
