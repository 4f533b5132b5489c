// gzip for the answers built per request: tRPC's JSON (a parent's or a Kita's first pull is large)
// and the server-rendered pages (the finder's HTML with its list is about 120 KB) — on a patchy phone
// connection the size is the wait. Static files come precompressed from the build (adapter-node), the
// hot pulls from their caches. Event streams (subscriptions) stay as they are: they must reach the
// client event by event.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
/** Below this the gzip header and the work cost more than they save. */
const MIN_BYTES = 1024;

/** Whether an Accept-Encoding header takes gzip (or anything, `*`), by RFC 9110's q values. */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	return (acceptEncoding ?? '').split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
	});
}

/** The media types worth compressing: text, built per request. */
const COMPRESSIBLE = ['application/json', 'text/html', 'application/xml', 'text/plain'];

export async function compressText(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
		!COMPRESSIBLE.some((t) => type.startsWith(t)) ||
		response.headers.has('content-encoding') ||
		!response.body
	)
		return response;
	const headers = new Headers(response.headers);
	headers.append('Vary', 'Accept-Encoding');
	if (!acceptsGzip(request.headers.get('accept-encoding')))
		return new Response(response.body, { status: response.status, headers });
	const body = await gzipIfWorth(Buffer.from(await response.arrayBuffer()));
	if (!body.gzipped) return new Response(body.bytes, { status: response.status, headers });
	headers.set('Content-Encoding', 'gzip');
	headers.delete('Content-Length');
	return new Response(body.bytes, { status: response.status, headers });
}

/** A body for a client that takes gzip: compressed when it is large enough to gain from it. */
export async function gzipIfWorth(
	body: Buffer<ArrayBuffer>
): Promise<{ bytes: Buffer<ArrayBuffer>; gzipped: boolean }> {
	if (body.length < MIN_BYTES) return { bytes: body, gzipped: false };
	// zlib's output lives in a plain ArrayBuffer (never a shared one), as a body must.
	return { bytes: (await gzipAsync(body, { level: 6 })) as Buffer<ArrayBuffer>, gzipped: true };
}
