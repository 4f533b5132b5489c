import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const PORT = Number(process.env.E2E_PORT ?? 3210);
// One database per port, so that two e2e runs on one machine do not share (or delete) it.
export const E2E_DATABASE_PATH = `test-results/e2e-data-${PORT}/kita.db`;
// The server's log (JSON lines), for the tests that check what it holds (day-in-the-life.e2e.ts).
export const E2E_SERVER_LOG = `test-results/e2e-server-${PORT}.log`;
// Playwright cannot download its browser here: use Debian's chromium unless CHROME_PATH says otherwise.
const executablePath =
	process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

export default defineConfig({
	testDir: 'tests/e2e',
	// Per port, like the database: Playwright empties its output folder when it starts, and two
	// shards run side by side (tests/e2e/shards.ts) must not empty each other's.
	outputDir: `test-results/e2e-output-${PORT}`,
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	// One retry always, not only where CI sets CI=true: `.ci/run` does not set it, and with two shards on
	// two cores a test waiting on timing failed once per run (it passed on its retry; the list reporter
	// names every such flaky test, so they stay visible).
	retries: 1,
	timeout: 60_000,
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'de-DE',
		timezoneId: 'Europe/Berlin',
		trace: 'retain-on-failure',
		launchOptions: { executablePath, args: chromiumArgs }
	},
	webServer: {
		command: `mkdir -p test-results && exec node tests/e2e/serve.js > ${E2E_SERVER_LOG} 2>&1`,
		url: `http://localhost:${PORT}/api/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			DATABASE_PATH: E2E_DATABASE_PATH,
			DEMO_DATA: 'on'
		}
	}
});
