// Several app nodes on one PostgreSQL database (issue 18): pokes and ended sessions reach the
// other nodes' streams through LISTEN/NOTIFY on one channel. Each node keeps one connection of its
// own (not from the pool: a pooled one would be handed to queries) that LISTENs, and announces on
// the pool or on the transaction that made the change — NOTIFY is delivered at commit and dropped on
// rollback, so no node hears of a change before it is committed.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db, Executor } from '../db/database';
import { log, maskEmails } from '../log';
import { decodeMessage, encodeMessages, type NewsKind } from './cluster-message';
import { EVERYONE, type NodeEvents } from './node-events';

export const CHANNEL = 'kita_portal_events';
/** How the listening connection shows in pg_stat_activity. */
export const APPLICATION_NAME = 'kita-portal events';

export interface ClusterBus {
	/** This node's id in its messages. */
	readonly nodeId: string;
	/** Closes the listening connection and unlinks from the node's events; safe to call twice. */
	stop(): Promise<void>;
}

export interface ClusterBusOptions {
	url: string;
	/** The pool's Kysely: pokes are announced on it (they come after their commit). */
	db: Db;
	events: NodeEvents;
	/** Waits before reconnecting: the first, doubling up to the last. */
	retryMs?: { first: number; max: number };
	/** Called each time the channel is listened to again after a loss (tests wait for it). */
	onRelisten?: () => void;
	/** How often the listening connection is asked a question, and how long it has to answer. */
	heartbeatMs?: number;
}

/** Why the error happened, without what could name a person (a server message may quote data). */
const reason = (error: unknown) => maskEmails(error instanceof Error ? error.message : String(error));

/** Announces on `db` every payload in one statement (one round trip for any number of chunks). */
async function notify(db: Executor, payloads: string[]): Promise<void> {
	if (payloads.length === 0) return;
	await sql`SELECT pg_notify(${CHANNEL}, p) FROM unnest(${payloads}::text[]) AS p`.execute(db);
}

/** Listens for the other nodes' news and links `events` to announce this node's; throws when the
 * first connection fails (the app does not start half-connected). */
export async function startClusterBus(options: ClusterBusOptions): Promise<ClusterBus> {
	const { url, db, events } = options;
	const retry = options.retryMs ?? { first: 500, max: 30_000 };
	const heartbeatMs = options.heartbeatMs ?? 30_000;
	const nodeId = randomUUID();
	let stopped = false;
	let client: pg.Client | null = null;
	let retryTimer: NodeJS.Timeout | null = null;

	const receive = (payload: string | undefined) => {
		const message = decodeMessage(payload);
		if (!message) return log.warn('Cluster bus: a message that is not ours was ignored');
		if (message.kind === 'poke') {
			// This node delivered its own pokes when it made them.
			if (message.node !== nodeId) events.deliverPokes(message.ids);
		} else {
			// Its own too: the first check may have run before the deleting transaction committed.
			for (const id of message.ids) events.deliverSessionsEnded(id);
		}
	};

	const listen = async (): Promise<void> => {
		const next = new pg.Client({ connectionString: url, application_name: APPLICATION_NAME });
		let lost = false;
		// Set once listening; onLost may run before (a failed connect).
		const heartbeat: { timer?: NodeJS.Timeout } = {};
		const onLost = (error?: Error) => {
			clearInterval(heartbeat.timer);
			if (lost) return;
			lost = true;
			if (client === next) client = null;
			void next.end().catch(() => undefined);
			if (stopped) return;
			log.warn(
				{ err: error ? reason(error) : 'connection ended' },
				'Cluster bus: not listening, reconnecting'
			);
			schedule(retry.first);
		};
		next.on('error', onLost);
		next.on('end', () => onLost());
		next.on('notification', (message) => {
			if (message.channel === CHANNEL) receive(message.payload);
		});
		try {
			await next.connect();
			await next.query(`LISTEN ${CHANNEL}`);
		} catch (error) {
			lost = true;
			await next.end().catch(() => undefined);
			throw error;
		}
		if (stopped) {
			await next.end().catch(() => undefined);
			return;
		}
		client = next;
		// A connection that went silent (a proxy or firewall dropped it, the server hangs) reports
		// no error: without a question now and then the node would stay deaf to the others for good.
		heartbeat.timer = setInterval(() => {
			const silent = setTimeout(() => onLost(new Error('no answer to the heartbeat')), heartbeatMs);
			silent.unref();
			next.query('SELECT 1').then(
				() => clearTimeout(silent),
				(error: Error) => {
					clearTimeout(silent);
					onLost(error);
				}
			);
		}, heartbeatMs);
		heartbeat.timer.unref();
	};

	const schedule = (delay: number) => {
		if (stopped || retryTimer) return;
		retryTimer = setTimeout(() => {
			retryTimer = null;
			listen().then(
				() => {
					if (stopped) return;
					log.info('Cluster bus: listening again');
					// News sent while this node was deaf is lost: every stream pulls and checks its session.
					events.deliverPokes([EVERYONE]);
					events.deliverSessionsEnded(EVERYONE);
					options.onRelisten?.();
				},
				(error: unknown) => {
					log.warn({ err: reason(error) }, 'Cluster bus: reconnecting failed');
					schedule(Math.min(delay * 2, retry.max));
				}
			);
		}, delay);
		// A node shutting down does not wait for a reconnect.
		retryTimer.unref();
	};

	await listen();

	const announce = (target: Executor, kind: NewsKind, ids: readonly string[]) =>
		notify(target, encodeMessages(nodeId, kind, ids));
	const unlink = events.link({
		pokes(ids) {
			announce(db, 'poke', ids).catch((error: unknown) =>
				log.warn({ err: reason(error) }, 'Cluster bus: a poke did not reach the other nodes')
			);
		},
		sessionsEnded: (target, userId) => announce(target, 'ended', [userId])
	});

	return {
		nodeId,
		async stop() {
			if (stopped) return;
			stopped = true;
			unlink();
			if (retryTimer) clearTimeout(retryTimer);
			retryTimer = null;
			const open = client;
			client = null;
			await open?.end().catch(() => undefined);
		}
	};
}
