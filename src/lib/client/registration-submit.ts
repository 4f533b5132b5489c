// Sending a registration from the summary: into the outbox (offline too), then the draft and the
// bookmarks of the chosen Kitas are cleared on this device.
import { openLocalDb } from './data-layer';
import { REGISTRATION_DRAFT, type RegistrationDraft } from './registration-draft';
import { mutate } from './sync/mutate';
import { syncStatus } from './sync/sync-status.svelte';

/** Queues the registration; says whether it left at once or waits for the connection. */
export async function submitRegistrationDraft(draft: RegistrationDraft): Promise<'online' | 'offline'> {
	// The schemas (and zod) load at the submit, so that the page paints without them.
	const { MUTATION_ARGS } = await import('$lib/domain/mutations');
	const args = MUTATION_ARGS.submitRegistration.parse({
		registrationId: draft.registrationId,
		childId: draft.childId,
		items: draft.items.map((item) => ({
			requestId: crypto.randomUUID(),
			facilityId: item.facilityId,
			startDate: item.startDate,
			weeklyHours: Number(item.weeklyHours),
			changeRequest: item.changeRequest,
			comment: item.comment
		}))
	});
	await mutate('submitRegistration', args);
	const offline = !syncStatus.online;
	const db = await openLocalDb();
	await db.drafts.delete(REGISTRATION_DRAFT);
	await db.bookmarks.bulkDelete(args.items.map((i) => i.facilityId));
	return offline ? 'offline' : 'online';
}
