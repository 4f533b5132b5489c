// `npm run lighthouse [-- --runs=N] [-- --only=name,…]`: Lighthouse 12 (mobile preset: Moto G power,
// simulated slow 4G and 4× CPU slowdown) on the pages issue 16 names — start page, finder, a Kita's
// page, login, sign-up — and the registration form, five cold runs each in Debian's Chromium;
// prints the median scores and LCP/TBT/CLS. `--save` keeps each run's whole report (JSON) in
// test-results/lighthouse/, to read what the LCP waited for and which tasks blocked.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROME_PATH, freePort, median, scratchDir, startServer, table } from './env';

const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const RUNS = runsArg ? Number(runsArg.split('=')[1]) : 5;
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const ONLY = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const SAVE_DIR = process.argv.includes('--save') ? join('test-results', 'lighthouse') : null;
/** `:kita` is the first Kita the served sitemap lists. */
const PAGES = [
	{ name: 'start', path: '/' },
	{ name: 'finder', path: '/kitas' },
	{ name: 'kita', path: ':kita' },
	{ name: 'login', path: '/login' },
	{ name: 'sign-up', path: '/registrieren' },
	{ name: 'registration', path: '/anmeldung' }
].filter((p) => !ONLY || ONLY.has(p.name));

async function firstKitaPath(origin: string): Promise<string> {
	const sitemap = await (await fetch(`${origin}/sitemap.xml`)).text();
	const kita = /<loc>[^<]*(\/kitas\/[^<]+)<\/loc>/.exec(sitemap)?.[1];
	if (!kita) throw new Error('the sitemap lists no Kita');
	return kita;
}
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface Run {
	scores: Record<(typeof CATEGORIES)[number], number>;
	lcpMs: number;
	tbtMs: number;
	cls: number;
}

async function once(url: string, saveAs: string): Promise<Run> {
	const chrome = await launch({
		chromePath: CHROME_PATH,
		chromeFlags: [
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic'
		]
	});
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: [...CATEGORIES]
		});
		if (!result) throw new Error(`no Lighthouse result for ${url}`);
		const { categories, audits, runtimeError } = result.lhr;
		if (runtimeError) throw new Error(`Lighthouse on ${url}: ${runtimeError.code} ${runtimeError.message}`);
		if (SAVE_DIR) {
			mkdirSync(SAVE_DIR, { recursive: true });
			writeFileSync(join(SAVE_DIR, `${saveAs}.json`), JSON.stringify(result.lhr));
		}
		const score = (c: string) => Math.round((categories[c]?.score ?? Number.NaN) * 100);
		return {
			scores: {
				performance: score('performance'),
				accessibility: score('accessibility'),
				'best-practices': score('best-practices'),
				seo: score('seo')
			},
			lcpMs: audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
			tbtMs: audits['total-blocking-time']?.numericValue ?? Number.NaN,
			cls: audits['cumulative-layout-shift']?.numericValue ?? Number.NaN
		};
	} finally {
		chrome.kill();
	}
}

async function main(): Promise<void> {
	const dir = scratchDir('lighthouse');
	const port = await freePort();
	const server = await startServer({
		databasePath: join(dir, 'kita.db'),
		port,
		origin: `http://localhost:${port}`
	});
	const rows: string[][] = [];
	try {
		const kitaPath = await firstKitaPath(server.origin);
		for (const listed of PAGES) {
			const page = { ...listed, path: listed.path === ':kita' ? kitaPath : listed.path };
			const runs: Run[] = [];
			let failure = '';
			for (let i = 0; i < RUNS && !failure; i++) {
				process.stderr.write(`[lighthouse] ${page.path} run ${i + 1}/${RUNS}\n`);
				try {
					runs.push(await once(`http://localhost:${port}${page.path}`, `${page.name}-${i + 1}`));
				} catch (error) {
					failure = error instanceof Error ? error.message : String(error);
				}
			}
			if (failure) {
				process.exitCode = 1;
				rows.push([`${page.name} (${page.path})`, 'failed', '', '', '', '', '', '']);
				console.error(failure);
				continue;
			}
			const m = (pick: (r: Run) => number) => median(runs.map(pick));
			rows.push([
				`${page.name} (${page.path})`,
				String(m((r) => r.scores.performance)),
				String(m((r) => r.scores.accessibility)),
				String(m((r) => r.scores['best-practices'])),
				String(m((r) => r.scores.seo)),
				`${Math.round(m((r) => r.lcpMs))} ms`,
				`${Math.round(m((r) => r.tbtMs))} ms`,
				m((r) => r.cls).toFixed(3)
			]);
		}
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(
		`\nLighthouse 12 mobile preset, median of ${RUNS} runs, ${new Date().toISOString().slice(0, 10)}, load average ${(loadavg()[0] ?? 0).toFixed(1)}\n`
	);
	console.log(table(['page', 'perf', 'a11y', 'best pr.', 'SEO', 'LCP', 'TBT', 'CLS'], rows));
}

await main();
