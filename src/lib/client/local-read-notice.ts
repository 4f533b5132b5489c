// Shows LocalReadNotice above the page once a local query failed (local-db.ts loads this module
// only then): neither the notice nor its texts are part of any first load. Its texts are those of
// the "needs attention" page, which shows the notice itself.
import { mount } from 'svelte';
import LocalReadNotice from '$lib/components/LocalReadNotice.svelte';
import { loadMessages } from '$lib/i18n/messages';

let shown = false;

export async function showLocalReadNotice(): Promise<void> {
	const main = document.getElementById('main');
	if (shown || !main || location.pathname === '/achtung') return;
	shown = true;
	await loadMessages('/achtung');
	mount(LocalReadNotice, { target: main, anchor: main.firstChild ?? undefined });
}
