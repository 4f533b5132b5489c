// The sitemap for search engines: public pages and every active Kita (server/seo.ts).
import { requireApp } from '$server/app';
import { sitemapXml } from '$server/seo';
import { activeKitaPages } from '$server/services/public-pages';

export async function GET(): Promise<Response> {
	const app = requireApp();
	const body = sitemapXml(app.config.origin, await activeKitaPages(app.database.db));
	return new Response(body, {
		headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }
	});
}
