// The live-update stream (SSE) of one caller. A logged-in user's stream lasts as long as the
// session: it is checked again on every poke, whenever sessions of the user end (session-ended.ts)
// and on a timer (expiry needs no event), and the stream closes once it no longer holds.
// Anonymous streams each hold a connection open, so one address may have only a few.
import { onSessionsEnded } from '../auth/session-ended';
import { isSessionLive, type AuthSession } from '../auth/session';
import type { Executor } from '../db/database';
import { pokesFor } from '../events/poke';

export const ANONYMOUS_STREAMS_PER_IP = 10;
/** How often an open stream checks its session without a reason (catches expiry). */
export const SESSION_RECHECK_MS = 60_000;

/** The address has ANONYMOUS_STREAMS_PER_IP streams open already. */
export class TooManyStreamsError extends Error {
	constructor() {
		super('tooManyStreams');
	}
}

// Counted per node: with several nodes behind a load balancer an address may hold this many on each.
// Accepted: the limit keeps one address from taking a node's connections, which stays true per node.
const anonymousByIp = new Map<string, number>();

/** Whether a further anonymous stream from the address would be refused (HTTP answers 429 first). */
export function anonymousStreamsFull(ip: string): boolean {
	return (anonymousByIp.get(ip) ?? 0) >= ANONYMOUS_STREAMS_PER_IP;
}

/** Takes one of the address's anonymous places; the returned release may be called more than once. */
function takePlace(ip: string): () => void {
	if (anonymousStreamsFull(ip)) throw new TooManyStreamsError();
	anonymousByIp.set(ip, (anonymousByIp.get(ip) ?? 0) + 1);
	let released = false;
	return () => {
		if (released) return;
		released = true;
		const left = (anonymousByIp.get(ip) ?? 1) - 1;
		if (left > 0) anonymousByIp.set(ip, left);
		else anonymousByIp.delete(ip);
	};
}

export interface StreamOptions {
	db: Executor;
	now: () => Date;
	/** A complete login's session, or null for an anonymous caller (public pokes only). */
	session: AuthSession | null;
	ip: string;
	signal: AbortSignal;
}

/**
 * Opens a stream, or throws TooManyStreamsError before anything is sent. Not a generator itself, so
 * that the refusal comes before the stream starts.
 */
export function openLiveStream(options: StreamOptions): AsyncGenerator<number> {
	if (options.session) return sessionPokes(options, options.session);
	const release = takePlace(options.ip);
	// Also when the stream is closed before it was first read (its finally would not run then).
	options.signal.addEventListener('abort', release, { once: true });
	return anonymousPokes(options.signal, release);
}

async function* anonymousPokes(signal: AbortSignal, release: () => void): AsyncGenerator<number> {
	try {
		yield* pokesFor(null, signal);
	} finally {
		release();
	}
}

async function* sessionPokes(options: StreamOptions, session: AuthSession): AsyncGenerator<number> {
	const { db, now, signal } = options;
	const stop = new AbortController();
	const end = () => stop.abort();
	signal.addEventListener('abort', end, { once: true });
	if (signal.aborted) end();
	const live = () => isSessionLive(db, session.id, now()).catch(() => false);
	const check = () => void live().then((ok) => ok || end());
	const timer = setInterval(check, SESSION_RECHECK_MS);
	const unsubscribe = onSessionsEnded(session.userId, check);
	try {
		for await (const at of pokesFor(session.userId, stop.signal)) {
			if (!(await live())) return;
			yield at;
		}
	} finally {
		clearInterval(timer);
		unsubscribe();
		signal.removeEventListener('abort', end);
	}
}
