// The static twin of a hot path (issue 16 point 4): a minimal node:http server that answers every
// request with the bytes and headers the portal answered, and nothing else — the limit the portal's
// figure is a share of. Run as its own process, as the portal is: `tsx static-twin.ts answer.json`;
// prints the port it listens on (loopback only).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export interface TwinAnswer {
	status: number;
	headers: Record<string, string>;
	/** base64 */
	body: string;
}

/** Hop-by-hop and per-response headers: node:http writes its own. */
const OWN = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const answer = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as TwinAnswer;
const body = Buffer.from(answer.body, 'base64');
const headers: Record<string, string> = { 'content-length': String(body.length) };
for (const [name, value] of Object.entries(answer.headers)) if (!OWN.has(name)) headers[name] = value;

const server = createServer((request, response) => {
	// Read (and drop) a request body, as any server must before it answers on a kept-alive connection.
	request.resume();
	response.writeHead(answer.status, headers);
	response.end(body);
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
	server.closeAllConnections();
	server.close(() => process.exit(0));
});
