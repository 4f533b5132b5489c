// Shows LostChangesNotice above the page when the device record names changes a lost local database
// took with it (the sync engine loads this module only then): neither the notice nor its texts are
// part of any first load. Its texts are those of the "needs attention" page, which shows it too.
import { mount } from 'svelte';
import LostChangesNotice from '$lib/components/LostChangesNotice.svelte';
import { loadMessages } from '$lib/i18n/messages';

let shown = false;

/** The notice already on screen reads the list again on this event (more changes named lost). */
export const LOST_CHANGES_EVENT = 'kita-portal:lost-changes';

export async function showLostChangesNotice(): Promise<void> {
	window.dispatchEvent(new Event(LOST_CHANGES_EVENT));
	const main = document.getElementById('main');
	if (shown || !main || location.pathname === '/achtung') return;
	shown = true;
	await loadMessages('/achtung');
	mount(LostChangesNotice, { target: main, anchor: main.firstChild ?? undefined });
}
