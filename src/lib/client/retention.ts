// Drafts are the only personal data that never reaches the server: forms typed but not sent. They
// are deleted on this device once unchanged for DRAFT_RETENTION_DAYS (60), checked at every start
// and for each user who logs in (after their drafts from before the login joined theirs).
import { draftExpired } from '$lib/domain/retention';
import { openLocalDb } from './data-layer';
import { inBackground, type Draft } from './local-db';

/** The part of the local database this needs (tests pass a stand-in). */
export interface DraftStore {
	drafts: { toArray(): Promise<Draft[]>; bulkDelete(ids: string[]): Promise<unknown> };
}

/** Deletes the expired drafts of the current user's database; returns their ids. */
export async function pruneDrafts(store?: DraftStore, now: Date = new Date()): Promise<string[]> {
	const db = store ?? (await openLocalDb());
	const expired = (await db.drafts.toArray()).filter((d) => draftExpired(d.updatedAt, now)).map((d) => d.id);
	if (expired.length) await db.drafts.bulkDelete(expired);
	return expired;
}

/** At each start for the user of the moment (root layout), without anyone waiting for it. */
export function pruneDraftsInBackground(): void {
	inBackground(pruneDrafts());
}
