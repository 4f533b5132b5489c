// Shared by the benchmarks, the budgets and the soak: paths, the built server as a child process on a
// scratch database (loopback only), and Debian's Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export function scratchDir(prefix: string): string {
	return mkdtempSync(join(tmpdir(), `kita-${prefix}-`));
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => done(port));
		});
	});
}

export function requireBuild(): void {
	if (!existsSync(join(ROOT, 'build/index.js')) || !existsSync(join(ROOT, 'build/client/sw.js')))
		throw new Error('No build found: run `npm run build` first.');
}

let snapshot: string | null = null;

/**
 * A private copy of build/ (under node_modules/.cache, so that the server's packages still resolve from
 * node_modules): a rebuild in the same work tree while a measurement runs cannot pull files from
 * under the server or the browser. Removed when the process exits.
 */
export async function buildSnapshot(): Promise<string> {
	if (snapshot) return snapshot;
	const dir = join(ROOT, 'node_modules/.cache/kita-build-snapshots', `${process.pid}`);
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	// Another build may be running in this work tree: wait (up to two minutes) for a complete one.
	for (let attempt = 0; ; attempt++) {
		rmSync(dir, { recursive: true, force: true });
		if (existsSync(join(ROOT, 'build/index.js')) && existsSync(join(ROOT, 'build/client/sw.js'))) {
			mkdirSync(dir, { recursive: true });
			try {
				cpSync(join(ROOT, 'build'), dir, { recursive: true });
				if (completeBuild(dir)) break;
			} catch {
				// files vanished while copying: a build started
			}
		}
		if (attempt >= 120) {
			requireBuild();
			throw new Error('build/ stayed incomplete for two minutes (a build running in this work tree?)');
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
	snapshot = dir;
	return dir;
}

/** The server entry, the worker and every file the worker precaches are there. */
function completeBuild(dir: string): boolean {
	const sw = join(dir, 'client/sw.js');
	if (!existsSync(join(dir, 'index.js')) || !existsSync(sw)) return false;
	const urls = [...readFileSync(sw, 'utf8').matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? '');
	return (
		urls.length > 0 && urls.filter((u) => !u.startsWith('/')).every((u) => existsSync(join(dir, 'client', u)))
	);
}

export interface ServerProcess {
	origin: string;
	port: number;
	child: ChildProcess;
	/** Everything the server printed, for the report when something fails. */
	output(): string;
	/**
	 * SIGTERM and wait, SIGKILL after `graceMs` (a server under `--cpu-prof` writes its profile on the
	 * way out, which takes longer after a long load); at once with `kill -9` semantics when hard.
	 */
	stop(hard?: boolean, graceMs?: number): Promise<void>;
}

/**
 * Starts the built server (what `npm start` runs: server/cli/start.js, here on the build
 * snapshot) on a database file and waits for /api/health.
 */
export async function startServer(options: {
	databasePath: string;
	port: number;
	/** The origin the server believes it has (cookies, CSRF); defaults to its own address. */
	origin?: string;
	env?: Record<string, string>;
	/** Flags for node itself (e.g. --cpu-prof, which NODE_OPTIONS does not take). */
	nodeArgs?: string[];
	/** Another build folder to run (side-by-side.ts: another commit's), instead of this work tree's. */
	build?: string;
}): Promise<ServerProcess> {
	const build = options.build ?? (await buildSnapshot());
	const origin = options.origin ?? `http://127.0.0.1:${options.port}`;
	let log = '';
	const child = spawn(
		process.execPath,
		[...(options.nodeArgs ?? []), join(ROOT, 'server/cli/start.js'), '--build', build],
		{
			cwd: ROOT,
			env: {
				...process.env,
				PORT: String(options.port),
				HOST: '127.0.0.1',
				ORIGIN: origin,
				DATABASE_PATH: options.databasePath,
				// Demo data (the measured accounts and Kitas); so no NODE_ENV=production, which refuses demo mode.
				DEMO_DATA: 'on',
				...options.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	const collect = (chunk: Buffer) => {
		log = (log + chunk.toString()).slice(-20_000);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	const server: ServerProcess = {
		origin,
		port: options.port,
		child,
		output: () => log,
		async stop(hard = false, graceMs = 5_000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill(hard ? 'SIGKILL' : 'SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}
	};
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
		try {
			const response = await fetch(`http://127.0.0.1:${options.port}/api/health`);
			if (response.ok) return server;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await server.stop(true);
			throw new Error(`server did not answer /api/health within 30 s:\n${log}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

export function launchChromium(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROME_PATH, args: chromiumArgs, headless: true });
}

/** Median of a list of numbers (NaN for none). */
export function median(values: readonly number[]): number {
	if (!values.length) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Prints rows as an aligned Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: readonly string[]) =>
		`| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
	return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
