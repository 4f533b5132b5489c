// A tiny loopback proxy in front of the soak's server. It lets the server die and come back on the
// same address (a dead upstream shows as a dropped connection, as it would without the proxy), and
// it can serve /sw.js with changed bytes — a new release of the service worker without a rebuild.
// With two app nodes (the PostgreSQL soak) it balances requests between them in turn, and a
// request that finds its node down (connection refused: nothing reached the server) goes to the
// other, as a load balancer's retry on the next upstream does.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface SoakProxy {
	origin: string;
	/** Bumps the worker's bytes: browsers checking for an update then find a new version. */
	releaseWorker(): void;
	workerVersion(): number;
	/** Requests answered by each upstream (in the order of the ports given). */
	answered(): number[];
	close(): Promise<void>;
}

/** How long an upstream that refused a connection is passed over. */
const DOWN_MS = 500;

export function startProxy(port: number, upstreamPorts: number | readonly number[]): Promise<SoakProxy> {
	const upstreams = typeof upstreamPorts === 'number' ? [upstreamPorts] : [...upstreamPorts];
	const downUntil = upstreams.map(() => 0);
	const answered = upstreams.map(() => 0);
	let turn = 0;
	let version = 0;

	/** The upstreams in the order to try: the next in turn first, those seen down last. */
	const order = (): number[] => {
		const start = turn++ % upstreams.length;
		const all = upstreams.map((_, i) => (start + i) % upstreams.length);
		const now = Date.now();
		return [
			...all.filter((i) => (downUntil[i] ?? 0) <= now),
			...all.filter((i) => (downUntil[i] ?? 0) > now)
		];
	};

	const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, tries: number[]) => {
		const index = tries[0] ?? 0;
		const isWorker = req.url === '/sw.js' && version > 0;
		const headers = { ...req.headers };
		if (isWorker) {
			headers['accept-encoding'] = 'identity';
			delete headers['if-none-match'];
			delete headers['if-modified-since'];
		}
		const upstream = request(
			{ host: '127.0.0.1', port: upstreams[index], method: req.method, path: req.url, headers },
			(answer) => {
				answered[index] = (answered[index] ?? 0) + 1;
				if (!isWorker) {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
					answer.on('aborted', () => res.destroy());
					return;
				}
				const chunks: Buffer[] = [];
				answer.on('data', (c: Buffer) => chunks.push(c));
				answer.on('end', () => {
					const body = Buffer.concat([...chunks, Buffer.from(`\n// soak release ${version}\n`)]);
					res.writeHead(answer.statusCode ?? 502, {
						'content-type': answer.headers['content-type'] ?? 'text/javascript',
						'cache-control': 'no-cache',
						'content-length': String(body.length)
					});
					res.end(body);
				});
				answer.on('aborted', () => res.destroy());
			}
		);
		upstream.on('error', (error: NodeJS.ErrnoException) => {
			// Refused: the node is down and never saw the request — the next one may take it.
			if (error.code === 'ECONNREFUSED') {
				downUntil[index] = Date.now() + DOWN_MS;
				if (tries.length > 1 && !res.headersSent && !res.destroyed)
					return forward(req, res, body, tries.slice(1));
			}
			// Down, or killed mid-answer: the client sees its connection drop.
			res.destroy();
		});
		res.on('close', () => {
			if (!res.writableFinished) upstream.destroy();
		});
		upstream.end(body);
	};

	const server: Server = createServer((req, res) => {
		// The whole request first (the app's are small), so that it can go to another node.
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => forward(req, res, Buffer.concat(chunks), order()));
		req.on('error', () => res.destroy());
	});
	return new Promise((done, fail) => {
		server.once('error', fail);
		server.listen(port, '127.0.0.1', () =>
			done({
				origin: `http://127.0.0.1:${port}`,
				releaseWorker: () => void (version += 1),
				workerVersion: () => version,
				answered: () => [...answered],
				close: () =>
					new Promise((closed) => {
						server.closeAllConnections();
						server.close(() => closed());
					})
			})
		);
	});
}
