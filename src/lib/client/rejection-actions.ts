// The next steps the "needs attention" list offers for a refused change (rejection-text.ts).
import type { MutationArgs, MutationName } from '$lib/domain/mutations';
import type { LocalRejection } from './local-db';
import { openLocalDb, syncNow } from './data-layer';
import { draftsOf } from './rejection-text';
import { mutate } from './sync/mutate';
import { syncStatus } from './sync/sync-status.svelte';

/**
 * "Reload the server's data": drops what the refused change left in its form (the draft) and pulls.
 * The entry is dismissed once the server answered; false when it could not be reached.
 */
export async function reloadFromServer(rejection: LocalRejection): Promise<boolean> {
	const db = await openLocalDb();
	await db.drafts.bulkDelete(draftsOf(rejection));
	await syncNow();
	if (!syncStatus.online || syncStatus.phase === 'error') return false;
	await db.rejections.update(rejection.mutationId, { dismissed: 1 });
	return true;
}

/**
 * "Try again": queues the change once more and dismisses the entry — the same change when the cause
 * was temporary, or `args` (the same step from the status the request has now) when someone acted first.
 */
export async function retry(rejection: LocalRejection, args: unknown = rejection.args): Promise<void> {
	await mutate(rejection.name as MutationName, args as MutationArgs<MutationName>);
	await (await openLocalDb()).rejections.update(rejection.mutationId, { dismissed: 1 });
}

/** "Copy the text": what the user typed, to the clipboard. False when the browser does not allow it. */
export async function copyText(text: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}
