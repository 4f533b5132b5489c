// `npx tsx tests/bench/page-trace.ts [--cpu=4] [/path …]`: what a phone's main thread does while a public page
// loads. Opens each page cold in Chromium with the CPU slowed 4× (Lighthouse's mobile preset), records
// a performance trace with the JS sampling profiler for 6 s and prints every main-thread task over
// 50 ms with the functions that took its time. Lighthouse says how long the main thread was blocked
// ("Unattributable" for most of it); this says by what. `--inclusive` lists each function with the time
// of everything it called (which component or step a task spent its time in), and `--build=DIR` runs
// another build, e.g. one made with `npx vite build --minify false` for readable names.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROME_PATH, freePort, scratchDir, startServer } from './env';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
	columnNumber: number;
}
interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	id?: string;
	args?: {
		name?: string;
		data?: {
			startTime?: number;
			cpuProfile?: {
				nodes?: { id: number; callFrame: CallFrame; parent?: number }[];
				samples?: number[];
			};
			timeDeltas?: number[];
		};
	};
}

const slowdownArg = process.argv.find((a) => a.startsWith('--cpu='));
/** The browser's work that the JS profiler shows as "(program)". */
const NATIVE = new Set([
	'ParseHTML',
	'ParseAuthorStyleSheet',
	'UpdateLayoutTree',
	'Layout',
	'PrePaint',
	'Paint',
	'v8.compile',
	'v8.compileModule',
	'V8.CompileCode',
	'MinorGC',
	'MajorGC',
	'BlinkGC.AtomicPhase',
	'IndexedDB::Open',
	'EventDispatch',
	'FireAnimationFrame',
	'TimerFire',
	'ResourceReceivedData',
	'v8.evaluateModule',
	'EvaluateScript'
]);
/** How many functions to list per task (`--top=N`, 5 by default). */
const TOP = Number(process.argv.find((a) => a.startsWith('--top='))?.slice('--top='.length) ?? 5);
/** `--runs=N`: each page N times, one line a run (blocking, the browser's style/layout/paint) and the medians. */
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 1);
const RENDERING = new Set(['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint']);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
const SLOWDOWN = slowdownArg ? Number(slowdownArg.slice('--cpu='.length)) : 4;
/** Tasks longer than this are listed (50 ms at 4×: Lighthouse's long task, 12.5 ms unthrottled). */
const LONG_US = ((50 * SLOWDOWN) / 4) * 1000;
const paths = process.argv.slice(2).filter((a) => a.startsWith('/'));
const INCLUSIVE = process.argv.includes('--inclusive');
const build = process.argv.find((a) => a.startsWith('--build='))?.slice('--build='.length);
const dir = scratchDir('page-trace');
const port = await freePort();
const server = await startServer({
	databasePath: join(dir, 'kita.db'),
	port,
	origin: `http://localhost:${port}`,
	...(build ? { build } : {})
});
const browser = await chromium.launch({ executablePath: CHROME_PATH });

const summary: Record<string, { blocking: number[]; rendering: number[] }> = {};

function label(frame: CallFrame | undefined): string {
	if (!frame) return '(unknown)';
	const file = (frame.url ?? '').replace(/^https?:\/\/[^/]+/, '').replace('/_app/immutable/', '');
	return file
		? `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber}:${frame.columnNumber}`
		: frame.functionName;
}

try {
	for (const path of paths.length ? paths : ['/'])
		for (let run = 0; run < RUNS; run++) {
			const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
			await browser.startTracing(page, {
				categories: [
					'devtools.timeline',
					'disabled-by-default-devtools.timeline',
					'disabled-by-default-v8.cpu_profiler',
					'loading'
				]
			});
			await page.goto(`http://localhost:${port}${path}`);
			await page.waitForTimeout(6000);
			const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] })
				.traceEvents;
			// The page's main thread is the renderer thread that parsed its HTML.
			const parse = events.find((e) => e.name === 'ParseHTML');
			if (!parse) throw new Error('no ParseHTML in the trace');
			const onMain = (e: TraceEvent) => e.pid === parse.pid && e.tid === parse.tid;
			const navStart =
				events.find((e) => e.name === 'navigationStart' && e.pid === parse.pid)?.ts ?? parse.ts;
			const tasks = events.filter(
				(e) => onMain(e) && e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > LONG_US
			);
			// Samples of the JS profiler on the trace's clock.
			const frames = new Map<number, CallFrame>();
			const parents = new Map<number, number>();
			const samples: { ts: number; node: number }[] = [];
			const profile = events.find((e) => e.name === 'Profile' && e.pid === parse.pid);
			for (const chunk of events.filter(
				(e) => e.name === 'ProfileChunk' && e.pid === parse.pid && e.id === profile?.id
			)) {
				for (const n of chunk.args?.data?.cpuProfile?.nodes ?? []) {
					frames.set(n.id, n.callFrame);
					if (n.parent !== undefined) parents.set(n.id, n.parent);
				}
			}
			let ts = profile?.args?.data?.startTime ?? 0;
			for (const chunk of events.filter(
				(e) => e.name === 'ProfileChunk' && e.pid === parse.pid && e.id === profile?.id
			)) {
				const ids = chunk.args?.data?.cpuProfile?.samples ?? [];
				const deltas = chunk.args?.data?.timeDeltas ?? [];
				ids.forEach((node, i) => samples.push({ ts: (ts += deltas[i] ?? 0), node }));
			}
			const paints = events.filter(
				(e) =>
					e.pid === parse.pid &&
					(e.name === 'firstContentfulPaint' || e.name === 'largestContentfulPaint::Candidate')
			);
			const blocking = tasks.reduce(
				(s, t) => s + Math.max(0, ((t.dur ?? 0) / 1000) * (4 / SLOWDOWN) - 50),
				0
			);
			if (RUNS > 1) {
				const rendering = events
					.filter((e) => onMain(e) && e.ph === 'X' && RENDERING.has(e.name))
					.reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
				const totals = (summary[path] ??= { blocking: [], rendering: [] });
				totals.blocking.push(blocking);
				totals.rendering.push(rendering);
				console.log(
					`${path} run ${run + 1}: ${tasks.length} long tasks, ${Math.round(blocking)} ms blocking, style/layout/paint ${Math.round(rendering)} ms`
				);
				if (run === RUNS - 1)
					console.log(
						`${path} median of ${RUNS}: ${Math.round(median(totals.blocking))} ms blocking, style/layout/paint ${Math.round(median(totals.rendering))} ms`
					);
				await context.close();
				continue;
			}
			console.log(
				`\n${path} (CPU ${SLOWDOWN}× slower): ${paints.map((p) => `${p.name.replace('::Candidate', '')} ${Math.round((p.ts - navStart) / 1000)} ms`).join(', ')}; ${tasks.length} tasks over ${LONG_US / 1000} ms, ${Math.round(blocking)} ms blocking at 4×`
			);
			for (const task of tasks) {
				const end = task.ts + (task.dur ?? 0);
				const inTask = samples.filter((s) => s.ts >= task.ts && s.ts <= end);
				const self = new Map<string, number>();
				let previous = task.ts;
				for (const s of inTask) {
					const took = (s.ts - previous) / 1000;
					previous = s.ts;
					if (!INCLUSIVE) {
						const key = label(frames.get(s.node));
						self.set(key, (self.get(key) ?? 0) + took);
						continue;
					}
					// Every function on the sample's stack, once (a recursive one is counted once).
					const seen = new Set<string>();
					for (let node: number | undefined = s.node; node !== undefined; node = parents.get(node)) {
						const key = label(frames.get(node));
						if (key === '(root)' || seen.has(key)) continue;
						seen.add(key);
						self.set(key, (self.get(key) ?? 0) + took);
					}
				}
				const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP);
				// The same time by script file: which module's code (or Svelte's, Dexie's) the task ran.
				const byFile = new Map<string, number>();
				for (const [k, v] of self) {
					const file = k.includes(' ') ? k.slice(k.lastIndexOf(' ') + 1).replace(/:\d+:\d+$/, '') : k;
					byFile.set(file, (byFile.get(file) ?? 0) + v);
				}
				// The browser's own work in the task ("(program)" to the profiler): the largest events by name.
				const native = new Map<string, number>();
				for (const e of events) {
					if (!onMain(e) || e.ph !== 'X' || e === task || e.ts < task.ts || e.ts > end || !NATIVE.has(e.name))
						continue;
					native.set(e.name, (native.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
				}
				const browserWork = [...native]
					.filter(([, v]) => v >= 1)
					.sort((a, b) => b[1] - a[1])
					.map(([k, v]) => `${k} ${v.toFixed(0)}`)
					.join(', ');
				console.log(
					`  at ${Math.round((task.ts - navStart) / 1000)} ms: ${Math.round((task.dur ?? 0) / 1000)} ms  ${browserWork}`
				);
				for (const [k, v] of top) console.log(`      ${v.toFixed(0).padStart(4)} ms  ${k}`);
				if (!INCLUSIVE)
					console.log(
						`      by file: ${[...byFile]
							.filter(([, v]) => v >= 3)
							.sort((a, b) => b[1] - a[1])
							.map(([k, v]) => `${k} ${v.toFixed(0)}`)
							.join(', ')}`
					);
			}
			await context.close();
		}
} finally {
	await browser.close();
	await server.stop();
}
