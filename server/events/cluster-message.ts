// What the cluster bus sends through PostgreSQL's NOTIFY: JSON naming the sending node, the kind of
// news and the user ids. A NOTIFY payload must stay below 8000 bytes, so a long id list goes as
// several messages.
import { EVERYONE } from './node-events';

export type NewsKind = 'poke' | 'ended';

export interface ClusterMessage {
	/** The sending node (one per process), so that a node can tell its own. */
	node: string;
	kind: NewsKind;
	ids: string[];
}

/** Well below PostgreSQL's 8000 bytes, with room for the channel name and encoding. */
export const MAX_PAYLOAD_BYTES = 4000;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The payloads for `ids`, each at most `maxBytes`; none for no ids. */
export function encodeMessages(
	node: string,
	kind: NewsKind,
	ids: readonly string[],
	maxBytes = MAX_PAYLOAD_BYTES
): string[] {
	const payload = (chunk: string[]) => JSON.stringify({ node, kind, ids: chunk } satisfies ClusterMessage);
	const room = maxBytes - bytes(payload([]));
	const payloads: string[] = [];
	let chunk: string[] = [];
	let used = 0;
	for (const raw of ids) {
		// An id that could never fit (none of ours comes close) widens to everyone: more pulls or
		// session checks than needed, never a missed one.
		const id = bytes(JSON.stringify(raw)) > room ? EVERYONE : raw;
		const size = bytes(JSON.stringify(id));
		// Each id after the first takes a comma too.
		if (chunk.length > 0 && used + 1 + size > room) {
			payloads.push(payload(chunk));
			chunk = [];
			used = 0;
		}
		used += chunk.length > 0 ? 1 + size : size;
		chunk.push(id);
	}
	if (chunk.length > 0) payloads.push(payload(chunk));
	return payloads;
}

/** The message in a payload, or null for anything that is not one of ours. */
export function decodeMessage(payload: string | undefined): ClusterMessage | null {
	if (!payload) return null;
	let value: unknown;
	try {
		value = JSON.parse(payload);
	} catch {
		return null;
	}
	const { node, kind, ids } = (value ?? {}) as Partial<Record<keyof ClusterMessage, unknown>>;
	if (typeof node !== 'string' || (kind !== 'poke' && kind !== 'ended')) return null;
	if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) return null;
	return { node, kind, ids };
}
