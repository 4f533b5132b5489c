// The server's log: one JSON object a line on stdout (pino), for journald or a log collector.
// Personal data stays out: request lines carry method, route (ids and query strings dropped),
// status and duration, never bodies, addresses or names (http/request-log.ts); error lines carry the
// error with any e-mail address in its text masked (SMTP and database errors may quote one).
// LOG_LEVEL (default `info`): `warn` drops the request lines, `debug` adds nothing yet.
import pino, { type DestinationStream, type Logger } from 'pino';

// No slash on either side: a path of a package such as `node_modules/@trpc/server/x.mjs` in a
// stack trace is no address.
const EMAIL = /[^\s<>()[\]"',;:/]+@[^\s<>()[\]"',;:/]+\.[a-z]{2,}/gi;

/** An e-mail address in an error's text becomes `[e-mail]`. */
export function maskEmails(text: string): string {
	return text.replace(EMAIL, '[e-mail]');
}

/** Fields of a database error that quote stored values. */
const QUOTING_FIELDS = ['detail', 'where', 'hint', 'internalQuery', 'parameters'];

/** An error as the log writes it: no stored values, no e-mail addresses. */
export function errorSerializer(error: unknown): unknown {
	if (typeof error === 'string') return maskEmails(error);
	const serialized = pino.stdSerializers.err(error as Error) as unknown;
	if (!serialized || typeof serialized !== 'object') return serialized;
	const out = serialized as Record<string, unknown>;
	// PostgreSQL's errors quote the row or key that failed ("Key (email)=(…) already exists",
	// "Failing row contains (…)"): those fields are dropped, every other text is masked.
	for (const key of QUOTING_FIELDS) if (key in out) out[key] = '[withheld]';
	for (const [key, value] of Object.entries(out)) if (typeof value === 'string') out[key] = maskEmails(value);
	return out;
}

/**
 * Request lines are many (one per request) and go out in batches: a system call per line cost the hot
 * reads a sixth of their rate (measured with the bench's finder and empty pull). A batch is written
 * once it holds 16 KB, at least every half second, at once with any line above `info` (a warning or
 * an error is never held back) and when the process exits; a process ended without exiting (`kill -9`,
 * a signal without a handler, V8 out of memory) loses at most the last half second of request lines.
 * Every write is synchronous, so lines keep their order.
 */
const stdout = pino.destination({ fd: 1, sync: true });
const BATCH_BYTES = 16 * 1024;
let batch = '';
function writeBatch(): void {
	if (!batch) return;
	const out = batch;
	batch = '';
	stdout.write(out);
}
setInterval(writeBatch, 500).unref();
process.on('exit', writeBatch);

let sink: DestinationStream = {
	write(line: string) {
		batch += line;
		// The level comes first in every line (formatters.level below).
		if (batch.length >= BATCH_BYTES || !line.startsWith('{"level":"info"')) writeBatch();
	}
};

/**
 * The time field as pino's `isoTime` writes it, made once per millisecond: at a few thousand request
 * lines a second most share their millisecond with the line before.
 */
let timeAt = -1;
let timeField = '';
function isoTime(): string {
	const now = Date.now();
	if (now !== timeAt) {
		timeAt = now;
		timeField = `,"time":"${new Date(now).toISOString()}"`;
	}
	return timeField;
}

const BASE = { name: 'kita-portal', pid: process.pid };

/** The one logger of the server process. */
export const log: Logger = pino(
	{
		level: process.env.LOG_LEVEL || 'info',
		base: BASE,
		timestamp: isoTime,
		serializers: { err: errorSerializer, error: errorSerializer },
		formatters: { level: (label) => ({ level: label }) }
	},
	{ write: (line: string) => void sink.write(line) }
);

/** What a request line carries (http/request-log.ts says why no more). */
export interface RequestLine {
	req: string;
	method: string | undefined;
	route: string;
	status: number;
	ms: number;
	/** The connection closed before the answer was sent. */
	aborted: boolean;
}

const BINDINGS = `,"name":${JSON.stringify(BASE.name)},"pid":${BASE.pid}`;

/**
 * Writes a request line as `log.info(fields, 'request')` would (the same fields in the same order),
 * built here: there is one per request, and pino's general path (serializers, a walk over the keys,
 * a timestamp) was a twentieth of a hot read's time (`npx tsx tests/bench/profile.ts pull`).
 */
export function logRequest(line: RequestLine): void {
	if (!log.isLevelEnabled('info')) return;
	const method = line.method === undefined ? '' : `,"method":${JSON.stringify(line.method)}`;
	sink.write(
		`{"level":"info"${isoTime()}${BINDINGS},"req":${JSON.stringify(line.req)}${method},"route":${JSON.stringify(line.route)},"status":${line.status},"ms":${line.ms}${line.aborted ? ',"aborted":true' : ''},"msg":"request"}\n`
	);
}

/** Tests: every line written from now on goes to `lines` too (parsed) until `stop`. */
export function captureLog(): { lines: Record<string, unknown>[]; raw: string[]; stop(): void } {
	const previous = sink;
	const lines: Record<string, unknown>[] = [];
	const raw: string[] = [];
	sink = {
		write(line: string) {
			raw.push(line);
			lines.push(JSON.parse(line) as Record<string, unknown>);
		}
	};
	return {
		lines,
		raw,
		stop: () => {
			sink = previous;
		}
	};
}
