// Per-request context. Built from a Request for HTTP, or directly by tests for createCaller.
import type { App } from '../app';

export interface Context {
	app: App;
	/** True when the request came from our own origin (Origin or Sec-Fetch-Site); mutations need it. */
	sameOrigin: boolean;
	ip: string;
}

export function isSameOrigin(request: Request, origin: string): boolean {
	const site = request.headers.get('sec-fetch-site');
	if (site) return site === 'same-origin';
	const from = request.headers.get('origin');
	if (from) return from === origin;
	// Neither header: not a browser-initiated cross-site request (browsers send Origin on POST).
	return request.method === 'GET' || request.method === 'HEAD';
}

export function createContext(app: App, request: Request, ip: string): Context {
	return { app, sameOrigin: isSameOrigin(request, app.config.origin), ip };
}
