// GET /metrics for Prometheus on its own port (METRICS_PORT, on METRICS_HOST — loopback unless
// set): the portal's public port never serves it. With METRICS_TOKEN the scraper must send
// `Authorization: Bearer <token>` (for a port reachable beyond this machine).
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app';
import { disableMetrics, enableMetrics, registry } from '../metrics';

export interface MetricsServer {
	url: string;
	close(): Promise<void>;
}

function authorised(header: string | undefined, token: string | null): boolean {
	if (token === null) return true;
	const expected = Buffer.from(`Bearer ${token}`);
	const given = Buffer.from(header ?? '');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Null without METRICS_PORT. Resolves once listening (port 0: any free one, for tests). */
export async function startMetricsServer(app: App): Promise<MetricsServer | null> {
	const { metricsPort: port, metricsHost: host, metricsToken: token } = app.config;
	if (port === null) return null;
	const server: Server = createServer((request, response) => {
		if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
			response.writeHead(404).end();
			return;
		}
		if (!authorised(request.headers.authorization, token)) {
			response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
			return;
		}
		registry.metrics().then(
			(text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
			() => response.writeHead(500).end()
		);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	server.unref();
	enableMetrics(app.database.db);
	const address = server.address() as AddressInfo;
	return {
		url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`,
		close: () =>
			new Promise((resolve) => {
				disableMetrics();
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}
