// What one node tells its own open streams: pokes (pull now) and that sessions of a user ended
// (check your session). Delivered here at once; with PostgreSQL the cluster bus (cluster-bus.ts) is
// linked as the announcer and carries both to the other nodes on the same database.
import { EventEmitter, on } from 'node:events';
import type { Executor } from '../db/database';

/** Public data (the Kita catalogue) changed: every stream pulls. As a session-ended target: every
 * stream checks its session (after the node was deaf to the other nodes for a while). */
export const EVERYONE = '*';

/** Carries what happens on this node to the other nodes. */
export interface Announcer {
	/** After the commit of the change: the caller has committed already. */
	pokes(userIds: readonly string[]): void;
	/** On `db`: inside a transaction the other nodes hear it at its commit, never on a rollback. */
	sessionsEnded(db: Executor, userId: string): Promise<void>;
}

export class NodeEvents {
	readonly #pokes = new EventEmitter().setMaxListeners(0);
	readonly #ended = new EventEmitter().setMaxListeners(0);
	#announcer: Announcer | null = null;

	/** Sends what happens here to other nodes too; returns the unlink. */
	link(announcer: Announcer): () => void {
		this.#announcer = announcer;
		return () => {
			if (this.#announcer === announcer) this.#announcer = null;
		};
	}

	/** userIds affected by a committed change; EVERYONE for public data. */
	poke(userIds: Iterable<string>): void {
		const ids = [...new Set(userIds)];
		if (ids.length === 0) return;
		this.deliverPokes(ids);
		this.#announcer?.pokes(ids);
	}

	/** This node's streams only (what another node announced). */
	deliverPokes(userIds: Iterable<string>): void {
		const at = Date.now();
		for (const id of userIds) this.#pokes.emit(id, at);
	}

	/** Yields whenever the user (or everyone) is poked, until the signal aborts. */
	async *pokesFor(userId: string | null, signal: AbortSignal): AsyncGenerator<number> {
		const merged = new EventEmitter();
		const forward = (at: number) => merged.emit('poke', at);
		this.#pokes.on(EVERYONE, forward);
		if (userId) this.#pokes.on(userId, forward);
		try {
			for await (const [at] of on(merged, 'poke', { signal })) yield at as number;
		} catch (error) {
			if (!signal.aborted) throw error;
		} finally {
			this.#pokes.off(EVERYONE, forward);
			if (userId) this.#pokes.off(userId, forward);
		}
	}

	/**
	 * Sessions of the user ended or may have; `db` is where they were deleted (a transaction too).
	 * The check here runs at once; on PostgreSQL the announcement brings it again after the commit.
	 */
	async sessionsEnded(db: Executor, userId: string): Promise<void> {
		this.deliverSessionsEnded(userId);
		await this.#announcer?.sessionsEnded(db, userId);
	}

	/** This node's listeners only; EVERYONE reaches every listener. */
	deliverSessionsEnded(userId: string): void {
		this.#ended.emit(userId);
	}

	/** Calls `listener` whenever sessions of the user (or of everyone) end; returns the unsubscribe. */
	onSessionsEnded(userId: string, listener: () => void): () => void {
		this.#ended.on(userId, listener);
		this.#ended.on(EVERYONE, listener);
		return () => {
			this.#ended.off(userId, listener);
			this.#ended.off(EVERYONE, listener);
		};
	}
}

/** This process's node. */
export const nodeEvents = new NodeEvents();
