// tRPC over HTTP (fetch adapter), used by the SvelteKit endpoint at /api/trpc and by the tests
// that check statuses and headers (429 + Retry-After, CSRF refusal, no stack traces).
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { App } from '../app';
import type { AuthSession } from '../auth/session';
import { compressJson } from './compress';
import { createContext, type CookieJar } from './context';
import { appRouter } from './router';

export async function handleTrpcRequest(
	app: App,
	request: Request,
	ip: string,
	cookies: CookieJar,
	/** Already validated by the hook; undefined (tests without the hook) looks it up. */
	session?: AuthSession | null
): Promise<Response> {
	const extraHeaders = new Headers();
	const response = await fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: appRouter,
		createContext: () => createContext(app, request, ip, cookies, extraHeaders, session),
		responseMeta: () => {
			const headers = new Headers(extraHeaders);
			headers.set('Cache-Control', 'no-store');
			return { headers };
		},
		onError: ({ error, path }) => {
			if (error.code === 'INTERNAL_SERVER_ERROR')
				console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
		}
	});
	return compressJson(request, response);
}
