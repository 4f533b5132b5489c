// Shows a first sync's progress (deferred/FirstSyncProgress.svelte) above the page while it runs, for
// a logged-in user, and removes it when it ended. The sync engine loads this module only when a
// first sync runs; the layout carries nothing of it (first-load budget).
import { mount, unmount } from 'svelte';
import { DEFERRED_TEXTS, loadMessages } from '$lib/i18n/messages';
import { session } from './session.svelte';
import { syncStatus } from './sync/sync-status.svelte';

let following = false;

export function followFirstSync(): void {
	if (following) return;
	following = true;
	$effect.root(() => {
		$effect(() => {
			if (!session.user || syncStatus.copy !== 'incomplete') return;
			let shown: ReturnType<typeof mount> | undefined;
			let cancelled = false;
			// A template literal: its texts are the deferred namespace, loaded with it.
			void Promise.all([import(`../deferred/FirstSyncProgress.svelte`), loadMessages(DEFERRED_TEXTS)]).then(
				([module]) => {
					const main = document.getElementById('main');
					if (cancelled || !main?.parentElement) return;
					shown = mount(module.default, { target: main.parentElement, anchor: main });
				}
			);
			return () => {
				cancelled = true;
				if (shown) void unmount(shown);
			};
		});
	});
}
