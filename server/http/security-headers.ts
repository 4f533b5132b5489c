// The headers every answer of the portal carries, whichever way it was answered: by SvelteKit
// (src/hooks.server.ts) or before it, in node's request handler (server/trpc/fast-lane.ts).

/**
 * `loggedIn`: the request carries a session cookie; a logged-in user's answers must not sit in
 * shared or back/forward caches.
 */
/** Names in lower case, so that they replace an answer's own header of that name when merged. */
export function securityHeaders(origin: string, loggedIn: boolean): Record<string, string> {
	const headers: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		'x-frame-options': 'DENY',
		'permissions-policy': 'camera=(), microphone=(), geolocation=()'
	};
	if (origin.startsWith('https://'))
		headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	if (loggedIn) headers['cache-control'] = 'no-store';
	return headers;
}
