import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { requireApp } from '$server/app';
import { createContext } from '$server/trpc/context';
import { appRouter } from '$server/trpc/router';

const handler: RequestHandler = (event) => {
	const extraHeaders = new Headers();
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: event.request,
		router: appRouter,
		createContext: () =>
			createContext(requireApp(), event.request, event.getClientAddress(), event.cookies, extraHeaders),
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
};

export const GET = handler;
export const POST = handler;
