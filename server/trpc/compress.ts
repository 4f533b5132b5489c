// gzip for the API's JSON answers: the finder's first pull is about 180 KB of JSON, a parent's or a
// Kita's much more — on a patchy phone connection the size is the wait. Static files come
// precompressed from the build (adapter-node); tRPC answers are compressed here. Event streams
// (subscriptions) stay as they are: they must reach the client event by event.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
/** Below this the gzip header and the work cost more than they save. */
const MIN_BYTES = 1024;

function acceptsGzip(request: Request): boolean {
	const header = request.headers.get('accept-encoding') ?? '';
	return header.split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
	});
}

export async function compressJson(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (!type.startsWith('application/json') || response.headers.has('content-encoding') || !response.body)
		return response;
	const headers = new Headers(response.headers);
	headers.append('Vary', 'Accept-Encoding');
	if (!acceptsGzip(request)) return new Response(response.body, { status: response.status, headers });
	const body = Buffer.from(await response.arrayBuffer());
	if (body.length < MIN_BYTES) return new Response(body, { status: response.status, headers });
	const compressed = await gzipAsync(body, { level: 6 });
	headers.set('Content-Encoding', 'gzip');
	headers.delete('Content-Length');
	return new Response(compressed, { status: response.status, headers });
}
