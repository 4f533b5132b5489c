// Public pages render on the server with data read there (the routes under /api/public). The same
// load runs again when the browser hydrates the page and finds that answer inlined in the HTML. A
// page the browser renders itself (within the app, or the service worker's shell) reads the local
// database instead (offline first) and loads nothing here.
import { browser } from '$app/environment';
import { hasRendered } from './data-layer';

/** The JSON at `path` for the server's render and the hydration; undefined otherwise. */
export async function serverData<T>(fetch: typeof globalThis.fetch, path: string): Promise<T | undefined> {
	// The root layout's main region is in the HTML only when the server rendered the page.
	if (browser && (hasRendered() || !document.getElementById('main'))) return undefined;
	try {
		const response = await fetch(path);
		return response.ok ? ((await response.json()) as T) : undefined;
	} catch {
		return undefined; // offline: the page shows the local database
	}
}
