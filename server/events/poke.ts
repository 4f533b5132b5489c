// Pokes: after a commit the server tells affected users' open clients to pull now (SSE through a
// tRPC subscription). In-process: one server owns the database, so an EventEmitter suffices.
import { EventEmitter, on } from 'node:events';

const bus = new EventEmitter();
bus.setMaxListeners(0);

export const EVERYONE = '*';

/** userIds affected by a change; EVERYONE for public data (the Kita catalogue). */
export function poke(userIds: Iterable<string>): void {
	for (const id of new Set(userIds)) bus.emit(id, Date.now());
}

/** Yields whenever the user (or everyone) is poked, until the signal aborts. */
export async function* pokesFor(userId: string | null, signal: AbortSignal): AsyncGenerator<number> {
	const merged = new EventEmitter();
	const forward = (at: number) => merged.emit('poke', at);
	bus.on(EVERYONE, forward);
	if (userId) bus.on(userId, forward);
	try {
		for await (const [at] of on(merged, 'poke', { signal })) yield at as number;
	} catch (error) {
		if (!signal.aborted) throw error;
	} finally {
		bus.off(EVERYONE, forward);
		if (userId) bus.off(userId, forward);
	}
}
