// `npx tsx tests/bench/profile.ts [finder|pull|push …]`: a CPU profile (`node --cpu-prof`) of the built
// server under autocannon load of one hot path at a time, summarised as self time per function and
// per module — where a request's time goes (issue 16 point 4). The seeded database is kept in
// test-results/bench/profile (delete it to seed again); profiles land there too.
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { join, relative } from 'node:path';
import { freePort, ROOT, startServer, table } from './env';
import { refreshCookies, runLoad, type LoadKind, type LoadUser } from './load';
import { seeded, SEEDED_DIR as OUT } from './seeded-load';

const SECONDS = 10;
const CONNECTIONS = 100;

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
}
interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** Where a function lives: a package, a file of ours, or V8/Node itself. */
function moduleOf(url: string): string {
	if (!url) return '(native / V8)';
	if (url.startsWith('node:')) return url;
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (pkg?.[1]) return pkg[1];
	return relative(ROOT, url.replace(/^file:\/\//, ''));
}

function summarise(
	profile: CpuProfile,
	top = 25
): { functions: string[][]; modules: string[][]; totalMs: number } {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const selfUs = new Map<number, number>();
	profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
	const fn = new Map<string, number>();
	const mod = new Map<string, number>();
	for (const [id, us] of selfUs) {
		const frame = byId.get(id)?.callFrame;
		if (!frame) continue;
		const where = moduleOf(frame.url);
		const name = `${frame.functionName || '(anonymous)'} — ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
		fn.set(name, (fn.get(name) ?? 0) + us);
		mod.set(where, (mod.get(where) ?? 0) + us);
	}
	const rows = (m: Map<string, number>) =>
		[...m.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([name, us]) => [name, (us / 1000).toFixed(0), `${((us / totalUs) * 100).toFixed(1)} %`]);
	return { functions: rows(fn), modules: rows(mod), totalMs: totalUs / 1000 };
}

async function profileKind(kind: LoadKind, template: string, users: LoadUser[]): Promise<string> {
	const dir = join(OUT, kind);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const db = join(dir, 'kita.db');
	copyFileSync(template, db);
	if (existsSync(`${template}.totp-key`)) copyFileSync(`${template}.totp-key`, `${db}.totp-key`);
	const port = await freePort();
	const server = await startServer({
		databasePath: db,
		port,
		nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`]
	});
	let result;
	try {
		// The server's start may have written: cookies as up-to-date devices hold them.
		await refreshCookies(server.origin, server.origin, users);
		const spec = { url: server.origin, origin: server.origin, kind, users };
		await runLoad({ ...spec, connections: 10, durationSeconds: 2 });
		result = await runLoad({ ...spec, connections: CONNECTIONS, durationSeconds: SECONDS });
	} finally {
		await server.stop();
	}
	const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
	if (!file) throw new Error(`no profile written in ${dir}`);
	const summary = summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
	return [
		`### ${kind} × ${CONNECTIONS} connections, ${SECONDS} s: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors`,
		'',
		`Self time per module (${(summary.totalMs / 1000).toFixed(1)} s sampled):`,
		'',
		table(['module', 'ms', 'share'], summary.modules.slice(0, 15)),
		'',
		'Self time per function:',
		'',
		table(['function', 'ms', 'share'], summary.functions),
		''
	].join('\n');
}

const kinds =
	(process.argv.slice(2).filter((a) => ['finder', 'pull', 'push'].includes(a)) as LoadKind[]) ?? [];
const { template, users } = await seeded();
const parts: string[] = [];
for (const kind of kinds.length ? kinds : (['finder', 'pull'] as LoadKind[]))
	parts.push(await profileKind(kind, template, users));
const report = parts.join('\n');
writeFileSync(join(OUT, 'summary.md'), report);
console.log(report);
