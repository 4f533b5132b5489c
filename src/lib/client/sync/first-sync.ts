// A first sync's progress as the device keeps it (meta row `firstSync`, written with each page): the
// continuation token of the last page applied and the rows counted, so a reload or a dropped
// connection goes on from there and the pages can say how much is still missing.
import type { EntityCounts, EntityName, PullResult } from '$lib/sync/protocol';
import type { FirstSyncProgress } from './sync-status.svelte';

export interface StoredProgress extends FirstSyncProgress {
	token: string;
}

const counts = (value: unknown): value is EntityCounts =>
	typeof value === 'object' &&
	value !== null &&
	Object.values(value).every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0);

/** The stored progress, or null when there is none (or it is unreadable: the first sync starts again). */
export function readProgress(value: string | undefined): StoredProgress | null {
	if (!value) return null;
	try {
		const p = JSON.parse(value) as Partial<StoredProgress>;
		if (typeof p.token !== 'string' || !counts(p.received) || !counts(p.total)) return null;
		return { token: p.token, received: p.received, total: p.total };
	} catch {
		return null;
	}
}

/** The progress after a page was applied. */
export function afterPage(
	before: StoredProgress | null,
	page: Extract<PullResult, { kind: 'page' }>
): StoredProgress {
	const received: EntityCounts = page.reset ? {} : { ...before?.received };
	for (const [entity, rows] of Object.entries(page.patch.put) as [EntityName, unknown[] | undefined][])
		received[entity] = (received[entity] ?? 0) + (rows?.length ?? 0);
	return { token: page.token, received, total: page.reset ? (page.total ?? {}) : (before?.total ?? {}) };
}
