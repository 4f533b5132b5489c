// `npx tsx tests/bench/side-by-side.ts --base=<build folder> [pull|finder|push] [--connections=200]
// [--rounds=6] [--seconds=3]`: this work tree's build and another (e.g. a worktree of the commit
// before, built there) on copies of one seeded database, loaded in turns — a slice on one, then the
// same slice on the other — so that a burst of other work on the machine hits both alike. On a
// shared 2-core machine two bench runs one after the other differed by more than a change's gain
// (the static twin alone 8,000–28,000 req/s within an hour). Prints each round and the medians.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSnapshot, freePort, median, ROOT, startServer, table, type ServerProcess } from './env';
import { refreshCookies, runLoad, type LoadKind, type LoadResult, type LoadUser } from './load';
import { seeded } from './seeded-load';

const arg = (name: string, fallback: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const base = arg('base', '');
if (!base || !existsSync(join(base, 'handler.js')))
	throw new Error(`--base=<a build folder with handler.js>, not "${base}"`);
const kind = (process.argv.slice(2).find((a) => ['pull', 'finder', 'push'].includes(a)) ??
	'pull') as LoadKind;
const connections = Number(arg('connections', '200'));
const rounds = Number(arg('rounds', '6'));
const seconds = Number(arg('seconds', '3'));

const dir = join(ROOT, 'test-results/bench/side-by-side');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const { template, users } = await seeded();

async function start(name: string, build: string): Promise<{ server: ServerProcess; users: LoadUser[] }> {
	const db = join(dir, `${name}.db`);
	copyFileSync(template, db);
	if (existsSync(`${template}.totp-key`)) copyFileSync(`${template}.totp-key`, `${db}.totp-key`);
	const server = await startServer({ databasePath: db, port: await freePort(), build });
	// Each server's start may have written: its own copy of the devices' cookies.
	const own = users.map((user) => ({ ...user }));
	await refreshCookies(server.origin, server.origin, own);
	return { server, users: own };
}

const sides = [
	{ name: 'base', ...(await start('base', resolve(base))) },
	{ name: 'this', ...(await start('this', await buildSnapshot())) }
];
const results: Record<string, LoadResult[]> = { base: [], this: [] };
const load = (side: (typeof sides)[number], c: number, s: number) =>
	runLoad({
		url: side.server.origin,
		origin: side.server.origin,
		kind,
		connections: c,
		durationSeconds: s,
		users: side.users
	});
try {
	for (const side of sides) await load(side, 10, 1); // warm-up (JIT, page cache), not reported
	const rows: string[][] = [];
	for (let round = 0; round < rounds; round++) {
		// Alternate which side goes first, so neither always follows the other's load.
		for (const side of round % 2 ? [...sides].reverse() : sides) {
			const result = await load(side, connections, seconds);
			results[side.name]?.push(result);
			rows.push([
				String(round + 1),
				side.name,
				String(Math.round(result.requestsPerSecond)),
				String(result.p50Ms),
				String(result.p99Ms),
				String(result.errors)
			]);
		}
	}
	console.log(
		`${kind} × ${connections} connections, ${rounds} rounds of ${seconds} s each side (load average ${loadavg()[0]?.toFixed(1)})\n`
	);
	console.log(table(['round', 'side', 'req/s', 'p50 ms', 'p99 ms', 'errors'], rows));
	const summary = sides.map(({ name }) => {
		const r = results[name] ?? [];
		return [
			name,
			String(Math.round(median(r.map((x) => x.requestsPerSecond)))),
			String(median(r.map((x) => x.p50Ms))),
			String(median(r.map((x) => x.p99Ms))),
			String(Math.max(...r.map((x) => x.p99Ms)))
		];
	});
	console.log(
		`\nMedians of the rounds:\n\n${table(['side', 'req/s', 'p50 ms', 'p99 ms', 'worst p99 ms'], summary)}`
	);
} finally {
	for (const side of sides) await side.server.stop();
}
