// `npm run rush -- --calibrate`: a minimal node:http server in its own process that answers the
// rush's requests with bytes recorded from the real server (the same sizes and encodings), so that
// the same load generator against it shows what this machine and the client manage at all.
// `node --import tsx tests/bench/rush-static.ts answers.json PORT`; prints "ready" when listening.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export interface RecordedAnswer {
	status: number;
	headers: Record<string, string>;
	/** base64 of the body as sent (compressed when the server compressed it). */
	body: string;
}

/** The answers by request: pages, auth.me, a push, and pulls of a new visitor, a visitor with a cookie, a user. */
export interface RecordedAnswers {
	finderHtml: RecordedAnswer;
	kitaHtml: RecordedAnswer;
	me: RecordedAnswer;
	push: RecordedAnswer;
	catalogue: RecordedAnswer;
	pullWithCookie: RecordedAnswer;
	userPull: RecordedAnswer;
}

/** Which recorded answer a request gets (by path, and for a pull by its input). */
export function answerFor(url: string): keyof RecordedAnswers {
	const { pathname, searchParams } = new URL(url, 'http://x');
	if (pathname.startsWith('/api/trpc/auth.me')) return 'me';
	if (pathname.startsWith('/api/trpc/sync.push')) return 'push';
	if (pathname.startsWith('/api/trpc/sync.pull')) {
		const input = (
			JSON.parse(searchParams.get('input') ?? '{}') as Record<
				string,
				{ userId?: unknown; cookie?: unknown; page?: unknown }
			>
		)['0'];
		if (input?.userId) return 'userPull';
		// A later page of a first sync gets the short answer that ends it.
		return input?.cookie || input?.page ? 'pullWithCookie' : 'catalogue';
	}
	return pathname === '/kitas' ? 'finderHtml' : 'kitaHtml';
}

const [answersPath, port] = process.argv.slice(2);
if (answersPath && port && import.meta.url === `file://${process.argv[1]}`) {
	const recorded = JSON.parse(readFileSync(answersPath, 'utf8')) as RecordedAnswers;
	const answers = Object.fromEntries(
		Object.entries(recorded).map(([name, a]) => [name, { ...a, bytes: Buffer.from(a.body, 'base64') }])
	) as Record<keyof RecordedAnswers, RecordedAnswer & { bytes: Buffer }>;
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const answer = answers[answerFor(req.url ?? '/')];
			res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.bytes.length) });
			res.end(answer.bytes);
		});
	});
	server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
	process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
