// A tiny loopback proxy in front of the soak's server. It lets the server die and come back on the
// same address (a dead upstream shows as a dropped connection, as it would without the proxy), and
// it can serve /sw.js with changed bytes — a new release of the service worker without a rebuild.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface SoakProxy {
	origin: string;
	/** Bumps the worker's bytes: browsers checking for an update then find a new version. */
	releaseWorker(): void;
	workerVersion(): number;
	close(): Promise<void>;
}

export function startProxy(port: number, upstreamPort: number): Promise<SoakProxy> {
	let version = 0;
	const forward = (req: IncomingMessage, res: ServerResponse) => {
		const isWorker = req.url === '/sw.js' && version > 0;
		const headers = { ...req.headers };
		if (isWorker) {
			headers['accept-encoding'] = 'identity';
			delete headers['if-none-match'];
			delete headers['if-modified-since'];
		}
		const upstream = request(
			{ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers },
			(answer) => {
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
		// Upstream down or killed mid-answer: the client sees its connection drop.
		upstream.on('error', () => res.destroy());
		req.on('aborted', () => upstream.destroy());
		res.on('close', () => {
			if (!res.writableFinished) upstream.destroy();
		});
		req.pipe(upstream);
	};
	const server: Server = createServer(forward);
	return new Promise((done, fail) => {
		server.once('error', fail);
		server.listen(port, '127.0.0.1', () =>
			done({
				origin: `http://127.0.0.1:${port}`,
				releaseWorker: () => void (version += 1),
				workerVersion: () => version,
				close: () =>
					new Promise((closed) => {
						server.closeAllConnections();
						server.close(() => closed());
					})
			})
		);
	});
}
