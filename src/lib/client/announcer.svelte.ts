// One polite live region for the whole app (LiveAnnouncer.svelte): state changes that happen
// away from the focus — connection lost, changes transmitted, session extended — are spoken once,
// instead of making busy indicators live regions that talk on every sync.
class Announcer {
	message = $state('');
}

export const announcer = new Announcer();

let timer: ReturnType<typeof setTimeout> | undefined;

/** Speaks a message (also the same one twice in a row: the region is emptied first). */
export function announce(text: string): void {
	announcer.message = '';
	clearTimeout(timer);
	timer = setTimeout(() => (announcer.message = text), 100);
}
