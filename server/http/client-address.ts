// The client's address, one rule for every path that reads it (rate limits, the anonymous stream
// cap, the development mailbox's loopback check, logs): the socket's peer, unless that peer is one
// of the reverse proxies named in TRUST_PROXY — then the rightmost X-Forwarded-For hop that is not
// itself a trusted proxy. Anyone can send X-Forwarded-For; only a proxy we trust appends to it
// truthfully, so only its hops (read from the right) are believed.
import { BlockList, isIP } from 'node:net';

/** TRUST_PROXY, parsed: its entries as given (for messages) and a matcher. */
export interface TrustedProxies {
	readonly entries: readonly string[];
	/** Whether an address (a hop of X-Forwarded-For) is a trusted proxy's. */
	has(address: string): boolean;
	/** The same for the socket's peer, remembering the last one asked about. */
	hasPeer(address: string): boolean;
}

/** Addresses whose answer (trusted or not) is kept. */
const MAX_KEPT_ANSWERS = 4096;

/** Thrown for a TRUST_PROXY entry that is no address, range or keyword (config.ts makes it a ConfigError). */
export class TrustProxyError extends Error {}

function family(address: string): 'ipv4' | 'ipv6' | null {
	const kind = isIP(address);
	return kind === 4 ? 'ipv4' : kind === 6 ? 'ipv6' : null;
}

/**
 * Comma-separated IPv4/IPv6 addresses, CIDR ranges (`10.0.0.0/8`, `fd00::/8`) and `loopback`
 * (127.0.0.0/8 and ::1). Unset or empty: null, no proxy is trusted. Anything else is refused:
 * a typo must not quietly trust nobody (every client would share the proxy's address) or everybody.
 */
export function parseTrustProxy(value: string | undefined): TrustedProxies | null {
	const entries = (value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (entries.length === 0) return null;
	const list = new BlockList();
	for (const entry of entries) {
		if (entry === 'loopback') {
			list.addSubnet('127.0.0.0', 8, 'ipv4');
			list.addAddress('::1', 'ipv6');
			continue;
		}
		const [address = '', prefix, extra] = entry.split('/');
		const kind = family(address);
		const bits = kind === 'ipv4' ? 32 : 128;
		if (
			!kind ||
			extra !== undefined ||
			(prefix !== undefined && !/^\d{1,3}$/.test(prefix)) ||
			Number(prefix) > bits
		)
			throw new TrustProxyError(
				`TRUST_PROXY: "${entry}" is not an IP address, a CIDR range (e.g. 10.0.0.0/8) or "loopback".`
			);
		if (prefix === undefined) list.addAddress(address, kind);
		else list.addSubnet(address, Number(prefix), kind);
	}
	// Behind a proxy every request comes from one or two peers: the last answer is kept, so the
	// check on the hot paths is mostly one string comparison.
	// BlockList parses the address on every check (microseconds); clients come back, so answers
	// are kept — a bounded map, emptied when full, so that no stream of addresses grows it.
	const answers = new Map<string, boolean>();
	const has = (address: string) => {
		let trusted = answers.get(address);
		if (trusted === undefined) {
			const kind = family(address);
			trusted = kind !== null && list.check(address, kind);
			if (answers.size >= MAX_KEPT_ANSWERS) answers.clear();
			answers.set(address, trusted);
		}
		return trusted;
	};
	let lastPeer = '';
	let lastTrusted = false;
	return {
		entries,
		has,
		hasPeer(address) {
			if (address !== lastPeer) {
				lastTrusted = has(address);
				lastPeer = address;
			}
			return lastTrusted;
		}
	};
}

/**
 * `peer`: the socket's remote address. `forwardedFor`: the X-Forwarded-For header (node and fetch
 * both join repeated ones with commas). Without trusted proxies it is the peer — the header is not
 * even looked at.
 */
export function clientAddress(
	trusted: TrustedProxies | null,
	peer: string,
	forwardedFor: string | null | undefined
): string {
	if (trusted === null || !forwardedFor || !trusted.hasPeer(peer)) return peer;
	let address = peer;
	let end = forwardedFor.length;
	// From the right, without splitting the header into an array.
	while (end > 0) {
		const start = forwardedFor.lastIndexOf(',', end - 1);
		const hop = forwardedFor.slice(start + 1, end).trim();
		end = start < 0 ? 0 : start;
		if (hop === '' || family(hop) === null) break; // no address: the last hop vouched for stands
		address = hop;
		if (!trusted.has(hop)) break;
	}
	return address;
}
