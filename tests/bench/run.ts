// `npm run bench [-- --quick]`: the measured figures of issue 8. Seeds a scratch database with
// 10,000 requests through the real push path, measures server-side costs in process, loads the
// built server from a second process (autocannon, loopback only) and runs Dexie in Chromium.
// Prints one table and writes test-results/bench/bench.json.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pull } from '../../server/sync/pull';
import { scopeFor } from '../../server/sync/scope-for';
import { toRequest } from '../../server/services/requests';
import { SCHEMA_VERSION } from '../../src/lib/sync/version';
import { dexieBench } from './browser';
import { buildSnapshot, CHROME_PATH, freePort, ROOT, scratchDir, startServer, table } from './env';
import { openApp, seedRequests, type SeededParent } from './fixtures';
import type { LoadKind, LoadResult, LoadSpec, LoadUser } from './load';
import { pulls, pushOf500, rawWriteRate } from './server-time';

const quick = process.argv.includes('--quick');
const REQUESTS = 10_000;
const LOAD_SECONDS = quick ? 3 : 10;
const CONNECTIONS = [50, 200];
const KINDS: LoadKind[] = ['pull', 'push', 'finder'];

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

function copyDb(from: string, to: string): void {
	mkdirSync(join(to, '..'), { recursive: true });
	copyFileSync(from, to);
}

const f1 = (n: number) => n.toFixed(1);
const f0 = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
	await buildSnapshot();
	const started = performance.now();
	// Other work on the machine skews every figure: print the load the run started and ended with.
	const loadBefore = loadavg()[0] ?? 0;
	const dir = scratchDir('bench');
	const rows: string[][] = [];
	const results: Record<string, unknown> = { date: new Date().toISOString(), quick, cores: cpus().length };
	try {
		// 1. The seeded database (template for every step).
		log(`seeding ${REQUESTS} requests through sync.push …`);
		const template = join(dir, 'template/kita.db');
		const seedApp = await openApp(template);
		seedApp.database.sqlite.pragma('synchronous = OFF'); // scratch data: no need to wait for the disk
		const seedStarted = performance.now();
		const parents: SeededParent[] = await seedRequests(seedApp, REQUESTS);
		log(`seeded in ${f1((performance.now() - seedStarted) / 1000)} s`);
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
		seedApp.database.sqlite.pragma('synchronous = NORMAL');
		seedApp.stopJobs();
		await seedApp.database.close();

		// 2. Server time, in process, on a copy.
		log('server time: push of 500, pulls …');
		const inProcess = join(dir, 'in-process/kita.db');
		copyDb(template, inProcess);
		const app = await openApp(inProcess);
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

		// 3. Raw better-sqlite3 rate of the same write, on another copy.
		log('raw better-sqlite3 write rate …');
		const rawPath = join(dir, 'raw/kita.db');
		copyDb(template, rawPath);
		const raw = rawWriteRate(rawPath, quick ? 1 : 3);
		results.raw = raw;

		// 4. The built server under load from a second process.
		const port = await freePort();
		const serverDb = join(dir, 'server/kita.db');
		copyDb(template, serverDb);
		const server = await startServer({ databasePath: serverDb, port });
		const loads: LoadResult[] = [];
		try {
			const specPath = join(dir, 'spec.json');
			const base = { url: server.origin, origin: server.origin, users };
			// Warm-up of each path (JIT, SQLite page cache), not reported.
			for (const kind of KINDS) {
				writeFileSync(
					specPath,
					JSON.stringify({ ...base, kind, connections: 10, durationSeconds: 1 } satisfies LoadSpec)
				);
				await runLoadProcess(specPath);
			}
			for (const kind of KINDS)
				for (const connections of CONNECTIONS) {
					log(`load: ${kind} × ${connections} connections, ${LOAD_SECONDS} s …`);
					writeFileSync(
						specPath,
						JSON.stringify({ ...base, kind, connections, durationSeconds: LOAD_SECONDS } satisfies LoadSpec)
					);
					loads.push(await runLoadProcess(specPath));
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
		for (const l of loads) {
			const name = `${label[l.kind]} @ ${l.connections} conn`;
			rows.push(
				[`${name}: throughput`, f0(l.requestsPerSecond), 'req/s'],
				[`${name}: latency p50 / p99`, `${f0(l.p50Ms)} / ${f0(l.p99Ms)}`, 'ms'],
				[`${name}: errors`, `${l.errors} of ${f0(l.total)}`, 'requests']
			);
		}
		const push50 = loads.find((l) => l.kind === 'push' && l.connections === 50);
		rows.push(
			['raw better-sqlite3: same write, one transaction each', f0(raw.perSecond), 'tx/s'],
			[
				'push over HTTP @ 50 conn ÷ raw transaction rate',
				push50 ? `${f1((push50.requestsPerSecond / raw.perSecond) * 100)} %` : 'n/a',
				'ratio'
			]
		);

		// 5. Dexie in Chromium.
		log('Dexie in Chromium …');
		const port2 = await freePort();
		const pageDb = join(dir, 'page/kita.db');
		copyDb(template, pageDb);
		const pageServer = await startServer({ databasePath: pageDb, port: port2 });
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
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const load = `load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
	const machine = `${cpus().length} cores, Node ${process.versions.node}, ${CHROME_PATH}, ${load}`;
	console.log(
		`\nKita-Portal bench${quick ? ' (--quick)' : ''}, ${new Date().toISOString().slice(0, 10)}, ${machine}\n`
	);
	console.log(table(['measure', 'value', 'unit'], rows));
	console.log(`\n(${f1((performance.now() - started) / 1000)} s in all)`);
	mkdirSync(join(ROOT, 'test-results/bench'), { recursive: true });
	writeFileSync(
		join(ROOT, 'test-results/bench/bench.json'),
		JSON.stringify({ ...results, rows }, null, '\t')
	);
}

await main();
