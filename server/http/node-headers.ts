// Node's request headers read as the Fetch API's `Headers` reads them (lower-case names, repeated
// headers joined), for the lanes that answer before SvelteKit builds a `Request`.
import type { IncomingMessage } from 'node:http';

/** One header as `Headers.get` gives it: null when absent. */
export function headerOf(request: IncomingMessage, name: string): string | null {
	const value = request.headers[name.toLowerCase()];
	if (value === undefined) return null;
	return Array.isArray(value) ? value.join(', ') : value;
}

/** The `get`/`has` part of `Headers` over a Node request. */
export function headersOf(request: IncomingMessage): {
	get(name: string): string | null;
	has(name: string): boolean;
} {
	return { get: (name) => headerOf(request, name), has: (name) => headerOf(request, name) !== null };
}
