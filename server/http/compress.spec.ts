import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressText } from './compress';

const big = JSON.stringify({ rows: Array.from({ length: 500 }, (_, i) => ({ id: i, name: `Kita ${i}` })) });
const json = (body: string, type = 'application/json') =>
	new Response(body, { status: 200, headers: { 'Content-Type': type, 'Cache-Control': 'no-store' } });
const request = (acceptEncoding?: string) =>
	new Request('http://localhost/api/trpc/sync.pull', {
		headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding }
	});

describe('compressText', () => {
	it('gzips a large JSON answer for a client that accepts gzip, keeping status and headers', async () => {
		const response = await compressText(request('gzip, deflate, br'), json(big));
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		expect(response.headers.get('cache-control')).toBe('no-store');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(big.length / 4);
		expect(gunzipSync(bytes).toString('utf8')).toBe(big);
	});

	it('leaves the answer as it is when gzip is not accepted, refused with q=0, or the body is small', async () => {
		for (const header of [undefined, 'identity', 'gzip;q=0, identity']) {
			const response = await compressText(request(header), json(big));
			expect(response.headers.get('content-encoding'), String(header)).toBeNull();
			expect(await response.text()).toBe(big);
		}
		const small = await compressText(request('gzip'), json('{"ok":true}'));
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(await small.text()).toBe('{"ok":true}');
	});

	it('gzips a server-rendered page and a sitemap, not an answer without a body', async () => {
		const html = `<!doctype html><main>${'<article>Kita</article>'.repeat(200)}</main>`;
		const page = await compressText(request('gzip'), json(html, 'text/html; charset=utf-8'));
		expect(page.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await page.arrayBuffer())).toString('utf8')).toBe(html);
		const sitemap = await compressText(request('gzip'), json(html, 'application/xml; charset=utf-8'));
		expect(sitemap.headers.get('content-encoding')).toBe('gzip');
		const notModified = new Response(null, { status: 304, headers: { 'Content-Type': 'text/html' } });
		expect(await compressText(request('gzip'), notModified)).toBe(notModified);
	});

	it('never buffers an event stream (subscriptions)', async () => {
		const stream = json('data: {}\n\n', 'text/event-stream');
		expect(await compressText(request('gzip'), stream)).toBe(stream);
	});
});
