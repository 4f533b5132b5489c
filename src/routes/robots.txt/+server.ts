// robots.txt: private areas stay out of search engines; the sitemap is named (server/seo.ts).
import { requireApp } from '$server/app';
import { robotsTxt } from '$server/seo';

export function GET(): Response {
	return new Response(robotsTxt(requireApp().config.origin), {
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }
	});
}
