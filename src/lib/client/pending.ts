// Which local rows still wait for the server: every id named in a pending mutation's arguments.
import { isUserChange } from '$lib/sync/read-records';
import type { OutboxEntry } from './local-db';

/** Every id a mutation's arguments name (`id` or `…Id` keys, at any depth). */
export function namedIds(args: unknown, into: Set<string> = new Set()): Set<string> {
	const visit = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(visit);
		else if (value && typeof value === 'object')
			for (const [key, inner] of Object.entries(value)) {
				if (typeof inner === 'string' && (key === 'id' || key.endsWith('Id'))) into.add(inner);
				else visit(inner);
			}
	};
	visit(args);
	return into;
}

export function pendingIds(outbox: readonly OutboxEntry[]): Set<string> {
	const ids = new Set<string>();
	for (const entry of outbox) if (isUserChange(entry)) namedIds(entry.args, ids);
	return ids;
}
