// `npm run rush [-- --seconds=10]`: a deadline evening against the built server (issue 16, point 5).
// Seeds a scratch database as the bench does (10,000 requests through the real push path), prepares
// parents and staff with ready sessions (written into the database, so no login and none of its
// limits is involved; no limit of the server is switched off), starts the built server and runs the
// open-model load generator (rush-load.ts) in a second process: 300 new visitors a second opening
// the finder and a Kita page, 50 parents a second submitting a registration, 20 staff members
// pulling every 3 s. Then it stops the server and checks that every acknowledged registration is in
// the database exactly once. Prints per kind of request: count, errors, p50/p95/p99, rate; the target
// is 0 errors and p99 ≤ 200 ms. Exits 1 when a target is missed or a write was lost.
import { sqliteOf } from '../../server/db/database';
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { App } from '../../server/app';
import { sessionCookieName, type AuthSession } from '../../server/auth/session';
import { currentSeq } from '../../server/db/seq';
import { encodeCookie } from '../../server/sync/cookie';
import { pull } from '../../server/sync/pull';
import { scopeFor } from '../../server/sync/scope-for';
import { addDays } from '../../src/lib/domain/calendar-day';
import { SCHEMA_VERSION } from '../../src/lib/sync/version';
import { buildSnapshot, freePort, ROOT, scratchDir, startServer, table, type ServerProcess } from './env';
import { benchFacilities, createAccount, openApp, openStartDate, seedRequests } from './fixtures';
import { KIND_LABELS, type RushResult, type RushSpec, type RushUser, type StreamFigures } from './rush-load';
import type { RecordedAnswers, RecordedAnswer } from './rush-static';
import { checkWrites, type Acknowledged, type Stored, type WriteCheck } from './rush-stats';

function numberArg(name: string, fallback: number): number {
	const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
	const value = raw === undefined ? fallback : Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0`);
	return value;
}

const SECONDS = numberArg('seconds', 60);
const VISITORS_PER_SECOND = numberArg('visitors', 300);
const PARENTS_PER_SECOND = numberArg('parents', 50);
const STAFF = numberArg('staff', 20);
const STAFF_EVERY_SECONDS = numberArg('staff-every', 3);
/** Requests already in the database (as the bench: families of one child at four Kitas). */
const SEEDED_REQUESTS = numberArg('requests', 10_000);
const TIMEOUT_MS = numberArg('timeout', 10) * 1000;
const WARMUP_SECONDS = numberArg('warmup', 3);
/** First the same load against a static server answering recorded bytes (what the machine manages). */
const CALIBRATE = process.argv.includes('--calibrate');
/** `--cpu-prof`: the server runs with `node --cpu-prof`; the profile lands in test-results/bench/rush-profile. */
const CPU_PROFILE = process.argv.includes('--cpu-prof');
const KITAS_PER_CHILD = 3;
/** USER_HZ of /proc/<pid>/stat: 100 on Linux for x86 and arm. */
const CLOCK_TICKS = 100;
const P99_TARGET_MS = 200;

function log(message: string): void {
	process.stderr.write(`[rush ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** A device that has synced before: the cookie of its complete first sync (in pages), in process. */
async function syncedCookie(app: App, session: AuthSession, clientId: string): Promise<string> {
	let page: string | null = null;
	for (;;) {
		const result = await pull(
			app.database.db,
			scopeFor(session),
			{ clientId, userId: session.userId, schemaVersion: SCHEMA_VERSION, cookie: null, page },
			session.userId,
			app.config.syncPageRows
		);
		if (result.kind === 'page') page = result.token;
		else if (result.kind === 'patch') return result.cookie;
		else throw new Error(`first sync answered ${result.kind}`);
	}
}

/** Parents whose device holds the catalogue, not yet a family; staff whose device holds their queue. */
async function prepareUsers(app: App, parents: number, staff: number, staffKitas: string[]) {
	const db = app.database.db;
	const now = app.now();
	const parentUsers: RushUser[] = [];
	const sessions: AuthSession[] = [];
	for (let i = 0; i < parents; i++) {
		const account = await createAccount(db, now, 'parent');
		sessions.push(account.session);
		parentUsers.push({
			token: account.token,
			userId: account.session.userId,
			clientId: crypto.randomUUID(),
			cookie: '',
			guardianId: crypto.randomUUID()
		});
	}
	// A complete first sync per parent would take minutes: the cookie it ends with is made the
	// server's own way, checked against one real first sync (else every parent gets a real one).
	const seq = await currentSeq(db);
	const first = sessions[0];
	const made = (s: AuthSession) => encodeCookie(scopeFor(s).key, seq);
	const shortcut = !first || made(first) === (await syncedCookie(app, first, parentUsers[0]?.clientId ?? ''));
	if (!shortcut) log('the cookie format changed: a real first sync for every parent (slow) …');
	for (const [i, user] of parentUsers.entries()) {
		const session = sessions[i];
		if (session) user.cookie = shortcut ? made(session) : await syncedCookie(app, session, user.clientId);
	}
	const staffUsers: RushUser[] = [];
	for (let i = 0; i < staff; i++) {
		const account = await createAccount(db, now, 'staff', [staffKitas[i % staffKitas.length] ?? '']);
		const clientId = crypto.randomUUID();
		staffUsers.push({
			token: account.token,
			userId: account.session.userId,
			clientId,
			cookie: await syncedCookie(app, account.session, clientId),
			guardianId: ''
		});
	}
	return { parentUsers, staffUsers };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
	try {
		// Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
	} catch {
		return Number.NaN;
	}
}

/** One request's raw answer (body as sent, compressed or not). */
function rawGet(origin: string, path: string, headers: Record<string, string>): Promise<RecordedAnswer> {
	return new Promise((done, fail) => {
		const url = new URL(path, origin);
		const req = httpRequest(url, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const kept: Record<string, string> = {};
				for (const name of ['content-type', 'content-encoding', 'vary', 'cache-control', 'etag']) {
					const value = res.headers[name];
					if (typeof value === 'string') kept[name] = value;
				}
				done({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks).toString('base64') });
			});
			res.on('error', fail);
		});
		req.on('error', fail);
		req.end();
	});
}

/** The pull cookie in a recorded (gzip or brotli compressed, or plain) batch answer. */
function cookieOf(answer: RecordedAnswer): string | null {
	const raw = Buffer.from(answer.body, 'base64');
	const encoding = answer.headers['content-encoding'];
	const text = (
		encoding === 'gzip' ? gunzipSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : raw
	).toString('utf8');
	const data = (JSON.parse(text) as { result?: { data?: { cookie?: unknown } } }[])[0]?.result?.data;
	return typeof data?.cookie === 'string' ? data.cookie : null;
}

/** What the real (warm) server answers to each kind of the rush's requests. */
async function recordAnswers(spec: Omit<RushSpec, 'parents' | 'acknowledgedPath'>): Promise<RecordedAnswers> {
	const api = {
		'accept-encoding': 'gzip, deflate, br',
		'sec-fetch-site': 'same-origin',
		'x-kita-portal': '1'
	};
	const documentHeaders = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
	const pullPath = (input: Record<string, unknown>) =>
		`/api/trpc/sync.pull?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;
	const clientId = crypto.randomUUID();
	const catalogue = await rawGet(
		spec.origin,
		pullPath({ clientId, userId: null, schemaVersion: spec.schemaVersion, cookie: null, page: null }),
		api
	);
	const staff = spec.staff[0];
	return {
		finderHtml: await rawGet(spec.origin, '/kitas', documentHeaders),
		kitaHtml: await rawGet(spec.origin, `/kitas/${spec.kitaIds[0] ?? ''}`, documentHeaders),
		me: await rawGet(spec.origin, '/api/trpc/auth.me', api),
		push: {
			status: 200,
			headers: { 'content-type': 'application/json' },
			body: Buffer.from('[{"result":{"data":{"kind":"ok","lastMutationId":3}}}]').toString('base64')
		},
		catalogue,
		pullWithCookie: await rawGet(
			spec.origin,
			pullPath({
				clientId,
				userId: null,
				schemaVersion: spec.schemaVersion,
				cookie: cookieOf(catalogue),
				page: null
			}),
			api
		),
		userPull: staff
			? await rawGet(
					spec.origin,
					pullPath({
						clientId: staff.clientId,
						userId: staff.userId,
						schemaVersion: spec.schemaVersion,
						cookie: staff.cookie,
						page: null
					}),
					{ ...api, cookie: `${spec.cookieName}=${staff.token}` }
				)
			: catalogue
	};
}

/** The same load against rush-static.ts answering the recorded bytes, in its own process. */
async function calibrate(dir: string, answers: RecordedAnswers, spec: RushSpec): Promise<RushResult> {
	const answersPath = join(dir, 'answers.json');
	writeFileSync(answersPath, JSON.stringify(answers));
	const port = await freePort();
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(ROOT, 'tests/bench/rush-static.ts'), answersPath, String(port)],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
	);
	try {
		await new Promise<void>((done, fail) => {
			child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && done());
			child.once('exit', (code) => fail(new Error(`static server exited with ${code}`)));
		});
		const specPath = join(dir, 'calibration.json');
		writeFileSync(
			specPath,
			JSON.stringify({
				...spec,
				origin: `http://127.0.0.1:${port}`,
				acknowledgedPath: join(dir, 'calibration-acknowledged.json')
			} satisfies RushSpec)
		);
		return await runGenerator(specPath);
	} finally {
		child.kill();
	}
}

function runGenerator(specPath: string): Promise<RushResult> {
	return new Promise((done, fail) => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', join(ROOT, 'tests/bench/rush-load.ts'), specPath],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
		);
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', (code) => {
			if (code !== 0) return fail(new Error(`load generator exited with ${code}`));
			try {
				done(JSON.parse(out.trim().split('\n').at(-1) ?? '') as RushResult);
			} catch (error) {
				fail(error instanceof Error ? error : new Error(String(error)));
			}
		});
	});
}

/** What the stopped server's database holds of the acknowledged registrations. */
function readWrites(databasePath: string, acknowledged: Acknowledged[], parents: RushUser[]) {
	const sqlite = new Database(databasePath, { readonly: true });
	try {
		const one = sqlite.prepare<[string], { n: number }>(
			'SELECT COUNT(*) AS n FROM registrations WHERE id = ?'
		);
		const requests = sqlite.prepare<[string], { n: number }>(
			'SELECT COUNT(*) AS n FROM requests WHERE registration_id = ?'
		);
		const ofChild = sqlite.prepare<[string], { n: number }>(
			'SELECT COUNT(*) AS n FROM registrations WHERE child_id = ?'
		);
		const stored: Stored[] = acknowledged.map((a) => ({
			registrationId: a.registrationId,
			registrations: one.get(a.registrationId)?.n ?? 0,
			requests: requests.get(a.registrationId)?.n ?? 0,
			registrationsOfChild: ofChild.get(a.childId)?.n ?? 0
		}));
		const clientIds = JSON.stringify(parents.map((p) => p.clientId));
		const rejections = sqlite
			.prepare<[string], { name: string; args: string; code: string }>(
				'SELECT name, args, code FROM sync_rejections WHERE client_id IN (SELECT value FROM json_each(?))'
			)
			.all(clientIds);
		const rejected = new Set(
			rejections
				.map((r) => (JSON.parse(r.args) as { registrationId?: unknown }).registrationId)
				.filter((id): id is string => typeof id === 'string')
		);
		const all =
			sqlite
				.prepare<[string], { n: number }>(
					`SELECT COUNT(*) AS n FROM registrations r JOIN families f ON f.id = r.family_id
					 WHERE f.owner_user_id IN (SELECT value FROM json_each(?))`
				)
				.get(JSON.stringify(parents.map((p) => p.userId)))?.n ?? 0;
		return { stored, rejected, rejections, allOfRushParents: all };
	} finally {
		sqlite.close();
	}
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

async function main(): Promise<void> {
	await buildSnapshot();
	const started = performance.now();
	const dir = scratchDir('rush');
	const databasePath = join(dir, 'kita.db');
	let server: ServerProcess | null = null;
	const loads: number[] = [];
	let sampler: ReturnType<typeof setInterval> | undefined;
	try {
		log(`seeding ${SEEDED_REQUESTS} requests through sync.push …`);
		const app = await openApp(databasePath);
		sqliteOf(app.database).pragma('synchronous = OFF'); // scratch data: no need to wait for the disk
		await seedRequests(app, SEEDED_REQUESTS);
		const db = app.database.db;
		const registrationKitas = await benchFacilities(db);
		const kitaIds = (await db.selectFrom('facilities').select('id').where('active', '=', 1).execute()).map(
			(r) => r.id
		);
		const startDate = await openStartDate(db, app.now());
		const parentsNeeded = Math.floor(PARENTS_PER_SECOND * SECONDS);
		const warmupParents = Math.floor(PARENTS_PER_SECOND * 0.1 * WARMUP_SECONDS);
		log(`preparing ${parentsNeeded + warmupParents} parents and ${STAFF} staff with sessions …`);
		const { parentUsers, staffUsers } = await prepareUsers(
			app,
			parentsNeeded + warmupParents,
			STAFF,
			registrationKitas
		);
		sqliteOf(app.database).pragma('synchronous = NORMAL');
		app.stopJobs();
		await app.database.close();

		const port = await freePort();
		server = await startServer({
			databasePath,
			port,
			nodeArgs: CPU_PROFILE
				? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'test-results/bench/rush-profile')}`]
				: []
		});
		const base = {
			origin: server.origin,
			timeoutMs: TIMEOUT_MS,
			cookieName: sessionCookieName(server.origin),
			schemaVersion: SCHEMA_VERSION,
			kitaIds,
			registrationKitas,
			kitasPerChild: KITAS_PER_CHILD,
			startDate,
			birthDate: addDays(startDate, -3 * 365 - 180),
			staffEverySeconds: STAFF_EVERY_SECONDS,
			staff: staffUsers
		};
		const specPath = join(dir, 'spec.json');
		const warmupAcknowledged = join(dir, 'warmup-acknowledged.json');
		const acknowledgedPath = join(dir, 'acknowledged.json');
		if (WARMUP_SECONDS > 0) {
			// JIT, SQLite's page cache and the server's own caches; at a tenth of the rates, not reported.
			log(`warm-up: ${WARMUP_SECONDS} s at a tenth of the rates …`);
			writeFileSync(
				specPath,
				JSON.stringify({
					...base,
					seconds: WARMUP_SECONDS,
					visitorsPerSecond: VISITORS_PER_SECOND / 10,
					parentsPerSecond: PARENTS_PER_SECOND / 10,
					parents: parentUsers.slice(parentsNeeded),
					acknowledgedPath: warmupAcknowledged
				} satisfies RushSpec)
			);
			await runGenerator(specPath);
		}
		const parents = parentUsers.slice(0, parentsNeeded);
		const spec: RushSpec = {
			...base,
			seconds: SECONDS,
			visitorsPerSecond: VISITORS_PER_SECOND,
			parentsPerSecond: PARENTS_PER_SECOND,
			parents,
			acknowledgedPath
		};
		let calibration: RushResult | null = null;
		if (CALIBRATE) {
			log('calibration: the same load against a static server answering the recorded bytes …');
			calibration = await calibrate(dir, await recordAnswers(spec), spec);
		}
		writeFileSync(specPath, JSON.stringify(spec));
		log(
			`rush: ${SECONDS} s — ${VISITORS_PER_SECOND} visitors/s, ${PARENTS_PER_SECOND} registrations/s, ${STAFF} staff pulling every ${STAFF_EVERY_SECONDS} s …`
		);
		const loadBefore = loadavg()[0] ?? 0;
		const serverCpuBefore = cpuSeconds(server.child.pid);
		const rushStarted = performance.now();
		sampler = setInterval(() => loads.push(loadavg()[0] ?? 0), 5_000);
		const result = await runGenerator(specPath);
		clearInterval(sampler);
		const loadAfter = loadavg()[0] ?? 0;
		const serverCpu = {
			seconds: cpuSeconds(server.child.pid) - serverCpuBefore,
			wallSeconds: (performance.now() - rushStarted) / 1000
		};
		await server.stop(false, CPU_PROFILE ? 60_000 : 5_000);
		server = null;

		const acknowledged = JSON.parse(readFileSync(acknowledgedPath, 'utf8')) as Acknowledged[];
		const writes = readWrites(databasePath, acknowledged, parents);
		const check: WriteCheck = checkWrites(acknowledged, writes.stored, writes.rejected);
		report(result, check, writes.rejections.length, writes.allOfRushParents, serverCpu, {
			before: loadBefore,
			max: Math.max(loadBefore, loadAfter, ...loads),
			after: loadAfter
		});
		if (calibration)
			console.log(
				`\nCalibration: the same load, the same generator, against a minimal node:http server in its own process answering the recorded bytes (rush-static.ts); load average ${(loadavg()[0] ?? 0).toFixed(1)} now:\n\n${tables(calibration)}`
			);
		log(`${f1((performance.now() - started) / 1000)} s in all`);
		const met = verdict(result, check, writes.rejections.length);
		mkdirSync(join(ROOT, 'test-results/bench'), { recursive: true });
		writeFileSync(
			join(ROOT, 'test-results/bench/rush.json'),
			JSON.stringify(
				{
					date: new Date().toISOString(),
					cores: cpus().length,
					load: { before: loadBefore, samples: loads, after: loadAfter },
					serverCpu,
					calibration,
					result,
					writes: { ...check, rejections: writes.rejections, allOfRushParents: writes.allOfRushParents },
					met
				},
				null,
				'\t'
			)
		);
		process.exitCode = met ? 0 : 1;
	} finally {
		clearInterval(sampler);
		await server?.stop(true);
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The table per kind of request and the table per stream of arrivals. */
function tables(result: RushResult): string {
	const order = Object.values(KIND_LABELS) as string[];
	const kinds = [...result.kinds].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
	return [
		table(
			['kind', 'requests', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'req/s'],
			kinds.map((k) => [
				k.kind,
				f0(k.requests),
				k.errors
					? `${f0(k.errors)} (${Object.entries(k.errorsBy)
							.map(([o, n]) => `${o}: ${n}`)
							.join(', ')})`
					: '0',
				f0(k.p50Ms),
				f0(k.p95Ms),
				f0(k.p99Ms),
				f0(k.maxMs),
				f1(k.perSecond)
			])
		),
		'',
		table(
			['arrivals', 'target /s', 'achieved /s', 'started', 'start lag p99 / max ms', 'note'],
			result.streams.map((s) => [
				s.stream,
				f1(s.target),
				f1(s.perSecond),
				f0(s.started),
				`${f0(s.lagP99Ms)} / ${f0(s.lagMaxMs)}`,
				[
					behind(s) ? 'the generator fell behind' : '',
					s.skipped ? `${s.skipped} skipped (previous pull still running)` : ''
				]
					.filter(Boolean)
					.join('; ')
			])
		)
	].join('\n');
}

function report(
	result: RushResult,
	check: WriteCheck,
	rejections: number,
	allOfRushParents: number,
	serverCpu: { seconds: number; wallSeconds: number },
	load: { before: number; max: number; after: number }
): void {
	const answered = result.kinds.reduce((n, k) => n + k.requests - k.errors, 0);
	const sent = result.kinds.reduce((n, k) => n + k.requests, 0);
	// A visitor makes six requests (one catalogue page today), a parent two, a staff member one.
	const planned =
		VISITORS_PER_SECOND * 6 + PARENTS_PER_SECOND * 2 + (STAFF ? STAFF / STAFF_EVERY_SECONDS : 0);
	console.log(
		`\nKita-Portal rush, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.versions.node}; ` +
			`load average ${load.before.toFixed(1)} at the start, ${load.max.toFixed(1)} at most, ${load.after.toFixed(1)} at the end\n`
	);
	console.log(tables(result));
	console.log(
		`\n${result.seconds.toFixed(1)} s of arrivals; at most ${f0(result.maxInFlight)} requests in flight; ` +
			`${f0(result.retries)} GETs sent again after a kept-alive connection was reset.` +
			`\nCPU: the server process ${f0((serverCpu.seconds / serverCpu.wallSeconds) * 100)} % of one core, the load generator ${f0(result.cpuShare * 100)} % ` +
			`(${cpus().length} cores shared with everything else running); the server's CPU per answered request ` +
			`${f1((serverCpu.seconds * 1000) / answered)} ms (it is single-threaded: one core answers at most ${f0(answered / serverCpu.seconds)} such requests a second; ` +
			`the rush sent ${f0(sent / result.seconds)} a second, ${f0(planned)} when every visitor gets through — under overload the work on requests that timed out counts here too).` +
			`\nRegistrations: ${f0(result.registrationsSent)} sent, ${f0(check.acknowledged)} acknowledged, ` +
			`${f0(check.storedOnce)} of them in the database exactly once; missing ${check.missing.length}, ` +
			`duplicated ${check.duplicated.length}, refused ${check.rejected.length} (rejection rows of the rush's clients: ${rejections}); ` +
			`${f0(allOfRushParents)} registrations of the rush's parents in the database in all` +
			(allOfRushParents > check.storedOnce ? ' (the rest applied, but their answer did not arrive)' : '')
	);
}

/** Arrivals started more than 50 ms late (p99), or not all of them. */
function behind(s: StreamFigures): boolean {
	return s.lagP99Ms > 50 || s.started < s.scheduled;
}

/** 0 errors, p99 ≤ 200 ms for every kind, every acknowledged registration stored once. */
function verdict(result: RushResult, check: WriteCheck, rejections: number): boolean {
	const failures: string[] = [];
	for (const k of result.kinds) {
		if (k.errors) failures.push(`${k.kind}: ${k.errors} errors`);
		if (!(k.p99Ms <= P99_TARGET_MS)) failures.push(`${k.kind}: p99 ${f0(k.p99Ms)} ms > ${P99_TARGET_MS} ms`);
	}
	if (check.acknowledged < result.registrationsSent)
		failures.push(`${result.registrationsSent - check.acknowledged} registrations not acknowledged`);
	if (check.missing.length || check.duplicated.length || check.rejected.length || rejections)
		failures.push('acknowledged registrations missing, duplicated or refused');
	for (const s of result.streams)
		if (behind(s))
			console.log(
				`Note: the load generator fell behind on ${s.stream} (${f1(s.perSecond)} of ${f1(s.target)}/s, ` +
					`started up to ${f0(s.lagMaxMs)} ms late): the client machine did not keep up, so the load was lighter than asked.`
			);
	console.log(
		failures.length
			? `\nTARGET MISSED:\n- ${failures.join('\n- ')}`
			: '\nTarget met: 0 errors, p99 ≤ 200 ms, no write lost.'
	);
	return failures.length === 0;
}

await main();
