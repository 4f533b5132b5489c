import type { RequestHandler } from './$types';
import { requireApp } from '$server/app';
import { handleTrpcRequest } from '$server/trpc/http';

const handler: RequestHandler = (event) =>
	handleTrpcRequest(
		requireApp(),
		event.request,
		// The socket's peer (ADDRESS_HEADER is refused at start): TRUST_PROXY decides what to believe.
		event.getClientAddress(),
		event.cookies,
		event.locals.session
	);

export const GET = handler;
export const POST = handler;
