// Issue 18: a change pushed through node A reaches a client connected to node B within a second.
// A live stream (the app's SSE poke subscription) is opened on each node directly, a push goes to
// node A directly, and the time from sending the push to each stream's poke is measured. Node A's
// own stream is the control (it shows the measurement works); node B's is the check. Without a
// poke bus between the nodes B hears nothing, and the check fails with "no poke".
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import type { Account } from '../bench/fixtures';

export interface PokeRound {
	/** Milliseconds from sending the push to the poke on node A's own stream; null: none came. */
	sameNodeMs: number | null;
	/** The same on node B's stream. */
	otherNodeMs: number | null;
}

interface Stream {
	/** Resolves with the time of the next poke after `since`, or null after `timeoutMs`. */
	nextPoke(since: number, timeoutMs: number): Promise<number | null>;
	close(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Headers as the proxy forwards them: the nodes believe they are the proxy's origin. */
function headers(origin: string, account: Account, extra: Record<string, string> = {}) {
	return { host: new URL(origin).host, origin, cookie: `session=${account.token}`, ...extra };
}

/** The app's poke subscription on one node, opened as the browser's EventSource would. */
function openStream(port: number, origin: string, account: Account): Promise<Stream> {
	return new Promise((connected, fail) => {
		const pokes: number[] = [];
		const waiters = new Set<() => void>();
		let buffer = '';
		let req: ClientRequest | null = null;
		const stream: Stream = {
			async nextPoke(since, timeoutMs) {
				const deadline = Date.now() + timeoutMs;
				for (;;) {
					const at = pokes.find((t) => t >= since);
					if (at !== undefined) return at;
					const left = deadline - Date.now();
					if (left <= 0) return null;
					await new Promise<void>((woken) => {
						const wake = () => {
							clearTimeout(timer);
							waiters.delete(wake);
							woken();
						};
						const timer = setTimeout(wake, left);
						waiters.add(wake);
					});
				}
			},
			close: () => req?.destroy()
		};
		req = request(
			{
				host: '127.0.0.1',
				port,
				method: 'GET',
				path: '/api/trpc/sync.poke',
				headers: headers(origin, account, { accept: 'text/event-stream' })
			},
			(res: IncomingMessage) => {
				if (res.statusCode !== 200) {
					fail(new Error(`poke stream on port ${port} answered ${res.statusCode}`));
					res.resume();
					return;
				}
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					const now = performance.now();
					buffer += chunk;
					let end: number;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const message = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						const lines = message.split('\n');
						const event = lines
							.find((l) => l.startsWith('event:'))
							?.slice(6)
							.trim();
						if (event === 'connected') connected(stream);
						else if (event === undefined && lines.some((l) => l.startsWith('data:') && l.includes('"at"')))
							pokes.push(now);
					}
					for (const wake of [...waiters]) wake();
				});
			}
		);
		req.on('error', fail);
		req.end();
	});
}

/** One push of one new child through the node at `port`; resolves once it was answered. */
function pushChild(port: number, origin: string, account: Account, clientId: string): Promise<void> {
	const body = JSON.stringify({
		clientId,
		userId: account.session.userId,
		schemaVersion: SCHEMA_VERSION,
		mutations: [
			{
				id: 1,
				name: 'saveChild',
				args: { id: crypto.randomUUID(), firstName: 'Poke', lastName: 'Messung', birthDate: '2023-05-01' },
				createdAt: new Date().toISOString()
			}
		]
	});
	return new Promise((done, fail) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: '/api/trpc/sync.push',
				headers: headers(origin, account, {
					'content-type': 'application/json',
					'content-length': String(Buffer.byteLength(body))
				})
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (text += c));
				res.on('end', () =>
					res.statusCode === 200 ? done() : fail(new Error(`push answered ${res.statusCode}: ${text}`))
				);
			}
		);
		req.on('error', fail);
		req.end(body);
	});
}

/**
 * `rounds` pushes through node A (a fresh client each, one new child of `account`), each measured
 * on both streams; a poke later than `timeoutMs` counts as none.
 */
export async function measurePokeAcrossNodes(options: {
	nodeA: number;
	nodeB: number;
	origin: string;
	account: Account;
	rounds: number;
	timeoutMs: number;
}): Promise<PokeRound[]> {
	const { nodeA, nodeB, origin, account } = options;
	const [onA, onB] = await Promise.all([
		openStream(nodeA, origin, account),
		openStream(nodeB, origin, account)
	]);
	try {
		// The subscription listens once its generator runs, just after "connected" went out.
		await sleep(500);
		const rounds: PokeRound[] = [];
		for (let i = 0; i < options.rounds; i++) {
			const sent = performance.now();
			await pushChild(nodeA, origin, account, crypto.randomUUID());
			const [a, b] = await Promise.all([
				onA.nextPoke(sent, options.timeoutMs),
				onB.nextPoke(sent, options.timeoutMs)
			]);
			rounds.push({ sameNodeMs: a === null ? null : a - sent, otherNodeMs: b === null ? null : b - sent });
			await sleep(200);
		}
		return rounds;
	} finally {
		onA.close();
		onB.close();
	}
}
