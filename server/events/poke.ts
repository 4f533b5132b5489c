// Pokes: after a commit the server tells affected users' open clients to pull now (SSE through a
// tRPC subscription). This node's streams hear it at once, other nodes' through the cluster bus.
import { nodeEvents } from './node-events';

export { EVERYONE } from './node-events';

/** userIds affected by a committed change; EVERYONE for public data (the Kita catalogue). */
export function poke(userIds: Iterable<string>): void {
	nodeEvents.poke(userIds);
}

/** Yields whenever the user (or everyone) is poked, until the signal aborts. */
export function pokesFor(userId: string | null, signal: AbortSignal): AsyncGenerator<number> {
	return nodeEvents.pokesFor(userId, signal);
}
