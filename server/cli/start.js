// `npm start` / `npm run serve`: runs the built portal with the quick-start defaults
// (port 3000, SQLite in ./data/kita.db, demo data on). Every default yields to the environment;
// with NODE_ENV=production demo data stays off unless asked for (and the server then refuses it).
//
// The HTTP server is this file's own, not adapter-node's `build/index.js`: each request first meets
// the portal's fast lane (server/trpc/fast-lane.ts: the hottest sync reads, answered from memory),
// then adapter-node's handler (SvelteKit). Its settings are adapter-node's: PORT, HOST,
// KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT and SHUTDOWN_TIMEOUT (seconds); SIGTERM and SIGINT let the
// requests under way finish. `--build <dir>` runs another build (the bench runs a snapshot).
import http from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { postgresDatabaseName } from '../db/database-name.js';

process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
process.env.DATABASE_PATH ??= './data/kita.db';
if (process.env.NODE_ENV !== 'production') process.env.DEMO_DATA ??= 'on';

const buildFlag = process.argv.indexOf('--build');
const buildDir = buildFlag > 0 ? process.argv[buildFlag + 1] : undefined;
const build = buildDir
	? pathToFileURL(buildDir.endsWith('/') ? buildDir : `${buildDir}/`)
	: new URL('../../build/', import.meta.url);

/**
 * A whole number of seconds from the environment, or the fallback.
 * @param {string} name
 * @param {number | undefined} fallback
 */
function seconds(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number of seconds, not "${raw}"`);
	return Number(raw);
}

// JSON lines as the portal's own log (server/log.ts, inside the build) writes them.
const log = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { name: 'kita-portal', pid: process.pid },
	timestamp: pino.stdTimeFunctions.isoTime,
	formatters: { level: (label) => ({ level: label }) }
});
// Which database, never a password in its address.
const database = process.env.DATABASE_URL
	? `PostgreSQL ${postgresDatabaseName(process.env.DATABASE_URL) ?? '(default)'}`
	: process.env.DATABASE_PATH;
log.info(`Kita-Portal starting on ${process.env.ORIGIN} (database ${database})`);
// Importing the handler starts SvelteKit, and with it the portal (src/hooks.server.ts `init`),
// which hands over the fast lane. Resolved at run time: build/ exists only after `npm run build`.
const { handler } = await import(new URL('handler.js', build).href);
/** @type {((req: http.IncomingMessage, res: http.ServerResponse) => false | Promise<boolean>) | undefined} */
const fastLane = /** @type {Record<symbol, any>} */ (globalThis)[Symbol.for('kita-portal.fast-lane')];

/**
 * adapter-node serves `build/client` with sirv, which lists the files at start and pipes each into
 * the answer without listening for the read's errors: a file gone since (a build run in the running
 * portal's directory) ended the whole process. The answer's headers are out by then, so that one
 * connection is dropped and the file's absence logged; the portal serves on.
 * @param {http.ServerResponse} res
 */
function guardStaticReads(res) {
	res.once('pipe', (source) => {
		source.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
			log.error(
				{ code: error.code },
				'a static file listed at start cannot be read: restart the portal after a build'
			);
			res.destroy();
		});
	});
}

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function toSvelteKit(req, res) {
	guardStaticReads(res);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not Found');
	});
}

const server = http.createServer((req, res) => {
	const fast = fastLane ? fastLane(req, res) : false;
	if (fast === false) toSvelteKit(req, res);
	else
		void fast.then((answered) => {
			if (!answered) toSvelteKit(req, res);
		});
});
const keepAlive = seconds('KEEP_ALIVE_TIMEOUT', undefined);
if (keepAlive !== undefined) server.keepAliveTimeout = keepAlive * 1000;
const headersTimeout = seconds('HEADERS_TIMEOUT', undefined);
if (headersTimeout !== undefined) server.headersTimeout = headersTimeout * 1000;

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT);
server.listen(port, host, () => log.info(`Listening on http://${host}:${port}`));

let stopping = false;
/** @param {string} reason */
function shutdown(reason) {
	if (stopping) return;
	stopping = true;
	// Idle keep-alive connections would hold close() until they time out.
	server.closeIdleConnections();
	server.close(() => {
		// SvelteKit's signal to let go (adapter-node sends the same).
		/** @type {(event: string, reason: string) => boolean} */ (process.emit).call(
			process,
			'sveltekit:shutdown',
			reason
		);
	});
	setTimeout(() => server.closeAllConnections(), (seconds('SHUTDOWN_TIMEOUT', 30) ?? 30) * 1000).unref();
}
server.on('request', (req) => {
	// While stopping, each connection closes once its request is answered.
	if (stopping) req.on('close', () => server.closeIdleConnections());
});
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
