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

/** "Try again": queues the same change once more (the cause was temporary) and dismisses the entry. */
export async function retry(rejection: LocalRejection): Promise<void> {
	await mutate(rejection.name as MutationName, rejection.args as MutationArgs<MutationName>);
	await (await openLocalDb()).rejections.update(rejection.mutationId, { dismissed: 1 });
}
