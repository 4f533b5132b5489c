// The database's name in a PostgreSQL address, for the start log and the CLIs: never any part of
// its password. Plain JavaScript, so that server/cli/start.js (run without a build step) shares it.
// Not `new URL`: an address over a unix socket (`postgres://user@/kita?host=/run/postgresql`) has
// no host, which WHATWG URLs refuse.

/**
 * The name after the host, or null when the address names none (the server's default then).
 * @param {string} url
 * @returns {string | null}
 */
export function postgresDatabaseName(url) {
	const address = url.replace(/^postgres(?:ql)?:\/\//, '');
	// A password may hold an unescaped "/", "?" or "@": the host starts after the last "@".
	const host = address.slice(address.lastIndexOf('@') + 1);
	const slash = host.indexOf('/');
	if (slash < 0) return null;
	const name = host.slice(slash + 1).split('?')[0];
	return name || null;
}
