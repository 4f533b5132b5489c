// `npm run bench [-- --quick] [--engine=sqlite|postgres|both]`: the measured figures of issue 8.
// Seeds a scratch database with 10,000 requests through the real push path, measures server-side
// costs in process, loads the built server from a second process (autocannon, loopback only) and
// runs Dexie in Chromium. Prints one table (both engines side by side with --engine=both) and writes
// test-results/bench/bench.json (bench-postgres.json, bench-both.json).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pull } from '../../server/sync/pull';
import { scopeFor } from '../../server/sync/scope-for';
import { toRequest } from '../../server/services/requests';
import { SCHEMA_VERSION } from '../../src/lib/sync/version';
import { dexieBench } from './browser';
import { buildSnapshot, CHROME_PATH, freePort, median, ROOT, scratchDir, startServer, table } from './env';
import { openApp, seedRequests, type SeededParent } from './fixtures';
import {
	refreshCookies,
	sampleAnswer,
	type LoadKind,
	type LoadResult,
	type LoadSpec,
	type LoadUser
} from './load';
import { benchEngine, type BenchEngine, type EngineName } from './engines';
import { pulls, pushOf500 } from './server-time';

const quick = process.argv.includes('--quick');
const engineArg = process.argv.find((a) => a.startsWith('--engine='))?.slice('--engine='.length) ?? 'sqlite';
if (!['sqlite', 'postgres', 'both'].includes(engineArg)) {
	console.error('Usage: npm run bench -- [--quick] [--engine=sqlite|postgres|both]');
	process.exit(2);
}
const ENGINES: EngineName[] = engineArg === 'both' ? ['sqlite', 'postgres'] : [engineArg as EngineName];
const REQUESTS = 10_000;
const LOAD_SECONDS = quick ? 3 : 10;
/** Each load is measured in this many alternating slices (whole seconds each). */
const SLICES = quick ? 1 : 5;

/** Slices of equal length as one load: mean rate, summed counts, median p50, worst p99. */
function combine(slices: LoadResult[]): LoadResult {
	const first = slices[0];
	if (!first) throw new Error('no load slices');
	return {
		...first,
		requestsPerSecond: slices.reduce((n, l) => n + l.requestsPerSecond, 0) / slices.length,
		p50Ms: median(slices.map((l) => l.p50Ms)),
		p99Ms: Math.max(...slices.map((l) => l.p99Ms)),
		errors: slices.reduce((n, l) => n + l.errors, 0),
		total: slices.reduce((n, l) => n + l.total, 0)
	};
}
const CONNECTIONS = [100, 200];
const KINDS: LoadKind[] = ['finder', 'pull', 'push'];
/** Issue 16 point 4: each read's share of its static twin, push's share of the raw transaction rate. */
const TARGET: Record<LoadKind, number> = { finder: 50, pull: 25, push: 30 };

interface Measured {
	portal: LoadResult;
	/** The static twin under the same load (reads); null for push, measured against the raw engine. */
	twin: LoadResult | null;
	/** The answer's size on the wire (the twin's body). */
	bytes: number | null;
}

/** Starts the static twin answering `answer` (tests/bench/static-twin.ts) in its own process. */
async function startTwin(
	answer: { status: number; headers: Record<string, string>; body: Buffer },
	dir: string,
	kind: LoadKind
): Promise<{ url: string; bytes: number; stop(): Promise<void> }> {
	if (answer.status !== 200) throw new Error(`${kind}: the portal answered ${answer.status}`);
	const file = join(dir, `twin-${kind}.json`);
	writeFileSync(file, JSON.stringify({ ...answer, body: answer.body.toString('base64') }));
	const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/static-twin.ts'), file], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	const port = await new Promise<number>((done, fail) => {
		child.stdout.once('data', (chunk: Buffer) => done(Number(chunk.toString().trim())));
		child.once('exit', (code) => fail(new Error(`static twin exited with ${code}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		bytes: answer.body.length,
		async stop() {
			child.kill('SIGTERM');
			await exited;
		}
	};
}

function log(message: string): void {
	process.stderr.write(`[bench] ${message}\n`);
}

/** Runs one autocannon load in its own process. */
function runLoadProcess(specPath: string): Promise<LoadResult> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/load.ts'), specPath], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', (code) => {
			if (code !== 0) return fail(new Error(`load process exited with ${code}`));
			try {
				done(JSON.parse(out.trim().split('\n').at(-1) ?? '') as LoadResult);
			} catch (error) {
				fail(error instanceof Error ? error : new Error(String(error)));
			}
		});
	});
}

const f1 = (n: number) => n.toFixed(1);
const f0 = (n: number) => Math.round(n).toLocaleString('en-US');

/** Steps 1–4 (and 5, the browser, when `browser`) on one engine; returns its rows and figures. */
async function measure(
	engine: BenchEngine,
	dir: string,
	browser: boolean
): Promise<{ rows: string[][]; results: Record<string, unknown> }> {
	const rows: string[][] = [];
	const results: Record<string, unknown> = { engine: engine.description };
	// 1. The seeded database (template for every step).
	log(`${engine.name}: seeding ${REQUESTS} requests through sync.push …`);
	const seedApp = await openApp(engine.template.databasePath, undefined, {
		databaseUrl: engine.template.databaseUrl
	});
	seedApp.database.sqlite?.pragma('synchronous = OFF'); // scratch data: no need to wait for the disk
	const seedStarted = performance.now();
	const parents: SeededParent[] = await seedRequests(seedApp, REQUESTS);
	log(`seeded in ${f1((performance.now() - seedStarted) / 1000)} s`);
	results.seedSeconds = (performance.now() - seedStarted) / 1000;
	const users: LoadUser[] = [];
	for (const parent of parents.slice(0, 200)) {
		const result = await pull(
			seedApp.database.db,
			scopeFor(parent.session),
			{
				clientId: parent.clientId,
				userId: parent.session.userId,
				schemaVersion: SCHEMA_VERSION,
				cookie: null
			},
			parent.session.userId
		);
		if (result.kind !== 'patch') throw new Error('seed pull failed');
		users.push({
			token: parent.token,
			userId: parent.session.userId,
			clientId: parent.clientId,
			cookie: result.cookie,
			guardianId: parent.guardianId
		});
	}
	const requestRows = (await seedApp.database.db.selectFrom('requests').selectAll().execute()).map((r) =>
		toRequest(r, 'staff')
	);
	seedApp.database.sqlite?.pragma('synchronous = NORMAL');
	seedApp.stopJobs();
	await seedApp.database.close();

	// 2. Server time, in process, on a copy.
	log(`${engine.name}: server time: push of 500, pulls …`);
	const inProcess = engine.copy('in-process');
	const app = await openApp(inProcess.databasePath, undefined, { databaseUrl: inProcess.databaseUrl });
	const push500 = await pushOf500(app);
	const pullFigures = await pulls(app, quick ? 5 : 20);
	app.stopJobs();
	await app.database.close();
	rows.push(
		['push of 500 mutations (server time)', f0(push500.ms), 'ms'],
		['  = per mutation', f1((push500.ms / push500.mutations) * 1000), 'µs'],
		['empty pull, 10,000 requests in DB', f1(pullFigures.emptyMs), 'ms'],
		[`pull of 100 changed requests (${pullFigures.changedRows} rows)`, f1(pullFigures.changedMs), 'ms']
	);
	results.push500 = push500;
	results.pulls = pullFigures;

	// 3. The raw engine's rate of the same write, on another copy.
	log(`${engine.name}: raw write rate …`);
	const rawTarget = engine.copy('raw');
	// The rows the HTTP push load writes (its parents, in turn); and, for comparison with earlier
	// runs, one new parent's row written over and over (SQLite).
	const raw = await engine.rawWriteRate(rawTarget, quick ? 1 : 3, users);
	if (!raw) throw new Error('no raw write rate');
	const rawOneRow = await engine.rawWriteRate(rawTarget, quick ? 1 : 3, []);
	results.raw = raw;
	results.rawOneRow = rawOneRow;

	// 4. The built server under load from a second process, each read side by side with its static
	// twin (a node:http server answering the same bytes, in its own process as well).
	const port = await freePort();
	const serverTarget = engine.copy('server');
	const server = await startServer({
		databasePath: serverTarget.databasePath,
		port,
		env: engine.env(serverTarget)
	});
	const loads: Measured[] = [];
	try {
		const specPath = join(dir, 'spec.json');
		const base = { url: server.origin, origin: server.origin, users };
		// The server's start may have written (jobs, demo data): cookies as devices would hold them now.
		await refreshCookies(server.origin, server.origin, users);
		const load = async (kind: LoadKind, url: string, connections: number, durationSeconds: number) => {
			writeFileSync(
				specPath,
				JSON.stringify({ ...base, url, kind, connections, durationSeconds } satisfies LoadSpec)
			);
			return runLoadProcess(specPath);
		};
		for (const kind of KINDS) {
			const twin =
				kind === 'push'
					? null
					: await startTwin(
							await sampleAnswer({ ...base, kind, connections: 1, durationSeconds: 1 }),
							dir,
							kind
						);
			try {
				// Warm-up of each path (JIT, the engine's page cache), not reported.
				await load(kind, server.origin, 10, 1);
				if (twin) await load(kind, twin.url, 10, 1);
				for (const connections of CONNECTIONS) {
					log(`${engine.name}: load: ${kind} × ${connections} connections, ${LOAD_SECONDS} s …`);
					// Portal and twin take turns in slices: a burst of other work on the machine then
					// hits both alike instead of one of them.
					const portalSlices: LoadResult[] = [];
					const twinSlices: LoadResult[] = [];
					for (let slice = 0; slice < SLICES; slice++) {
						portalSlices.push(await load(kind, server.origin, connections, LOAD_SECONDS / SLICES));
						if (twin) twinSlices.push(await load(kind, twin.url, connections, LOAD_SECONDS / SLICES));
					}
					const portal = combine(portalSlices);
					const limit = twin ? combine(twinSlices) : null;
					loads.push({ portal, twin: limit, bytes: twin?.bytes ?? null });
				}
			} finally {
				await twin?.stop();
			}
		}
	} finally {
		await server.stop();
	}
	results.loads = loads;
	const label: Record<LoadKind, string> = {
		pull: 'pull (parent, nothing new)',
		push: 'push (1 saveGuardian each)',
		finder: 'finder (public pull, full catalogue)'
	};
	for (const { portal: l, twin, bytes } of loads) {
		const name = `${label[l.kind]} @ ${l.connections} conn`;
		const shareOf = twin ? twin.requestsPerSecond : raw.perSecond;
		const share = (l.requestsPerSecond / shareOf) * 100;
		const target = TARGET[l.kind];
		rows.push(
			[
				`${name}: throughput`,
				`${f0(l.requestsPerSecond)} of ${f0(shareOf)} = ${f1(share)} % (target ≥ ${target} %${share >= target ? '' : ', MISSED'})`,
				twin ? `req/s, static twin${bytes === null ? '' : ` (${f0(bytes)} bytes)`}` : 'req/s, raw engine tx/s'
			],
			[
				`${name}: latency p50 / p99`,
				`${f0(l.p50Ms)} / ${f0(l.p99Ms)}${twin ? ` (twin ${f0(twin.p50Ms)} / ${f0(twin.p99Ms)})` : ''}`,
				'ms'
			],
			[`${name}: errors`, `${l.errors} of ${f0(l.total)}${twin ? ` (twin ${twin.errors})` : ''}`, 'requests']
		);
	}
	rows.push([
		`raw engine: same write, one transaction each, the load's ${users.length} parents in turn`,
		f0(raw.perSecond),
		'tx/s'
	]);
	if (rawOneRow)
		rows.push(['raw engine: same write, one parent’s row over and over', f0(rawOneRow.perSecond), 'tx/s']);

	// 5. Dexie in Chromium (the browser's work: the engine only serves the page).
	if (!browser) return { rows, results };
	log('Dexie in Chromium …');
	const port2 = await freePort();
	const pageTarget = engine.copy('page');
	const pageServer = await startServer({
		databasePath: pageTarget.databasePath,
		port: port2,
		env: engine.env(pageTarget)
	});
	try {
		const dexie = await dexieBench(pageServer.origin, requestRows, quick ? 3 : 5);
		results.dexie = dexie;
		rows.push(
			[`Dexie bulk load of ${f0(dexie.rows)} requests (bulkPut)`, f0(dexie.bulkLoadMs), 'ms'],
			[
				`staff queue: indexed status filter + sort (${f0(dexie.indexedQueryRows)} rows)`,
				f0(dexie.indexedQueryMs),
				'ms'
			],
			[
				`staff queue: read all, filter + sort in JS (${f0(dexie.scanQueryRows)} rows)`,
				f0(dexie.scanQueryMs),
				'ms'
			]
		);
	} finally {
		await pageServer.stop();
	}
	return { rows, results };
}

/** Two engines' rows side by side, matched by measure; a measure one of them lacks shows "—". */
function sideBySide(first: string[][], second: string[][]): string[][] {
	const measures = [...first.map((r) => r[0] ?? ''), ...second.map((r) => r[0] ?? '')].filter(
		(m, i, all) => all.indexOf(m) === i
	);
	return measures.map((measure) => {
		const a = first.find((r) => r[0] === measure);
		const b = second.find((r) => r[0] === measure);
		return [measure, a?.[1] ?? '—', b?.[1] ?? '—', a?.[2] ?? b?.[2] ?? ''];
	});
}

async function main(): Promise<void> {
	await buildSnapshot();
	const started = performance.now();
	// Other work on the machine skews every figure: print the load the run started and ended with.
	const loadBefore = loadavg()[0] ?? 0;
	const runs: { engine: BenchEngine; rows: string[][]; results: Record<string, unknown> }[] = [];
	for (const [i, name] of ENGINES.entries()) {
		const dir = scratchDir('bench');
		try {
			const engine = await benchEngine(name, dir);
			try {
				// With both engines the browser's figures once: they do not depend on the server's engine.
				runs.push({ engine, ...(await measure(engine, dir, i === 0)) });
			} finally {
				engine.stop();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
	const load = `load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
	const machine = `${cpus().length} cores, Node ${process.versions.node}, ${CHROME_PATH}, ${load}`;
	console.log(
		`\nKita-Portal bench${quick ? ' (--quick)' : ''}, ${new Date().toISOString().slice(0, 10)}, ${machine}`
	);
	for (const run of runs) console.log(`${run.engine.name}: ${run.engine.description}`);
	console.log(
		'raw engine: the push’s write as plain statements on one connection, one transaction at a time\n'
	);
	const [first, second] = runs;
	const rows = second ? sideBySide(first?.rows ?? [], second.rows) : (first?.rows ?? []);
	console.log(
		second
			? table(['measure', first?.engine.name ?? '', second.engine.name, 'unit'], rows)
			: table(['measure', 'value', 'unit'], rows)
	);
	console.log(`\n(${f1((performance.now() - started) / 1000)} s in all)`);
	mkdirSync(join(ROOT, 'test-results/bench'), { recursive: true });
	const common = { date: new Date().toISOString(), quick, cores: cpus().length };
	const report = second
		? { ...common, ...Object.fromEntries(runs.map((r) => [r.engine.name, r.results])), rows }
		: { ...common, ...first?.results, rows };
	writeFileSync(
		join(ROOT, `test-results/bench/${engineArg === 'sqlite' ? 'bench' : `bench-${engineArg}`}.json`),
		JSON.stringify(report, null, '\t')
	);
}

await main();
