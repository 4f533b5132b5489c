// The server is killed (kill -9) right after it committed a push, before the answer left, and
// restarted on the same database: the client retries and everything arrives exactly once.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { freePort, healthy } from '../own-server';
import { DEMO_PARENT, uniqueChild } from './steps';

// Its own server beside the suite's, on a free port (a busy one would answer health checks for us).
let PORT = 0;
let ORIGIN = '';
let DATA_DIR = '';
let DB_PATH = '';

function startServer(): ChildProcess {
	return spawn(process.execPath, ['server/cli/start.js'], {
		env: { ...process.env, PORT: String(PORT), ORIGIN, DATABASE_PATH: DB_PATH, DEMO_DATA: 'on' },
		stdio: 'ignore'
	});
}

let server: ChildProcess;

test.beforeAll(async () => {
	PORT = await freePort();
	ORIGIN = `http://localhost:${PORT}`;
	DATA_DIR = `test-results/restart-data-${PORT}`;
	DB_PATH = `${DATA_DIR}/kita.db`;
	rmSync(DATA_DIR, { recursive: true, force: true });
	server = startServer();
	await healthy(ORIGIN);
});

test.afterAll(() => {
	server.kill('SIGKILL');
});

test('a server killed after committing a push and restarted gets every mutation exactly once', async ({
	page
}) => {
	await page.goto(`${ORIGIN}/login`);
	await page.getByLabel('E-Mail-Adresse').fill(DEMO_PARENT.email);
	await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PARENT.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Meine Anmeldungen' })).toBeVisible();

	// The restart is awaited by the test itself: a handler still waiting for the new server when the
	// test ended was cut off by afterAll's kill and threw into the next test of this worker.
	let restart: Promise<void> | undefined;
	await page.route('**/api/trpc/sync.push**', async (route) => {
		if (restart) return route.continue();
		restart = (async () => {
			await route.fetch(); // committed on the server
			server.kill('SIGKILL');
			await new Promise((r) => server.once('exit', r));
			server = startServer();
			await healthy(ORIGIN);
		})();
		await restart;
		await route.abort('connectionreset');
	});

	const child = uniqueChild();
	await page.goto(`${ORIGIN}/familie`);
	const form = page.getByRole('form', { name: 'Kind hinzufügen' }).last();
	await form.getByLabel('Vorname des Kindes').fill(child.firstName);
	await form.getByLabel('Nachname des Kindes').fill(child.lastName);
	await form.getByLabel('Geburtsdatum').fill('2024-05-01');
	await form.getByRole('button', { name: 'Kind hinzufügen' }).click();

	await expect.poll(() => restart !== undefined).toBe(true);
	await restart;
	const status = page.getByRole('banner').getByRole('status');
	await expect(status).toContainText('Letzter Abgleich', { timeout: 30_000 });
	// The client pushed again after the reset connection and its outbox is empty.
	await expect(status).not.toContainText('noch nicht übertragen', { timeout: 30_000 });
	await expect
		.poll(
			() => {
				const db = new Database(DB_PATH, { readonly: true });
				try {
					return (
						db.prepare('SELECT COUNT(*) AS n FROM children WHERE first_name = ?').get(child.firstName) as {
							n: number;
						}
					).n;
				} finally {
					db.close();
				}
			},
			{ timeout: 30_000 }
		)
		.toBe(1);
	await expect(page.getByText(`${child.firstName} ${child.lastName}`)).toHaveCount(1);
});
