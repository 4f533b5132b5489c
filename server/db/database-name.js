// The database's name in a PostgreSQL address, for the start log and the CLIs: never any part of
// its password. Plain JavaScript, so that server/cli/start.js (run without a build step) shares it.
// Not `new URL`: an address over a unix socket (`postgres://user@/kita?host=/run/postgresql`) has
// no host, which WHATWG URLs refuse.

/**
 * An address cut into its parts without decoding any. A password may hold an unescaped "/", "?",
 * "#" or "@", in the user part and in a `password=` parameter alike: the query starts at the first
 * "?" that opens a parameter (`?name=`), and the host after the last "@" before it.
 * @param {string} url
 * @returns {{ scheme: string, userinfo: string | null, hostAndPath: string, query: string | null } | null}
 */
export function splitPostgresAddress(url) {
	const scheme = /^postgres(?:ql)?:\/\//.exec(url)?.[0];
	if (!scheme) return null;
	const address = url.slice(scheme.length);
	const q = address.search(/\?[A-Za-z_]+=/);
	const main = q < 0 ? address : address.slice(0, q);
	const at = main.lastIndexOf('@');
	return {
		scheme,
		userinfo: at < 0 ? null : main.slice(0, at),
		hostAndPath: main.slice(at + 1),
		query: q < 0 ? null : address.slice(q + 1)
	};
}

/**
 * The name after the host, or null when the address names none (the server's default then).
 * @param {string} url
 * @returns {string | null}
 */
export function postgresDatabaseName(url) {
	const host = splitPostgresAddress(url)?.hostAndPath ?? '';
	const slash = host.indexOf('/');
	if (slash < 0) return null;
	const name = host.slice(slash + 1).split(/[?#]/)[0];
	return name || null;
}
