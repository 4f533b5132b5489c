// A static file the server listed at its start and that is gone since (a build run in the running
// portal's directory) drops that one answer's connection; the server serves on. Before, the file's
// read error ended the process.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { freePort, healthy } from '../own-server';

let server: ChildProcess;
let exited: number | null | undefined;
let origin = '';
let dir = '';

test.beforeAll(async () => {
	const port = await freePort();
	origin = `http://localhost:${port}`;
	dir = `test-results/vanished-file-${port}`;
	rmSync(dir, { recursive: true, force: true });
	// A build of its own: the suite's server keeps its files.
	cpSync('build', `${dir}/build`, { recursive: true });
	server = spawn(process.execPath, ['server/cli/start.js', '--build', `${dir}/build`], {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: origin,
			DATABASE_PATH: `${dir}/kita.db`,
			DEMO_DATA: 'on'
		},
		stdio: 'ignore'
	});
	exited = undefined;
	server.once('exit', (code) => (exited = code));
	await healthy(origin);
});

test.afterAll(() => {
	server.kill('SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

test('a static file gone under the running server drops its own answer, not the server', async () => {
	const path = '/manifest.webmanifest';
	const first = await fetch(`${origin}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
	expect(first.status).toBe(200);
	expect(await first.text()).not.toBe('');
	for (const suffix of ['', '.br', '.gz']) rmSync(`${dir}/build/client${path}${suffix}`, { force: true });

	// sirv still lists it: the headers go out, then the read fails and the connection is dropped.
	const broken = await fetch(`${origin}${path}`, { headers: { 'accept-encoding': 'br, gzip' } }).then(
		(answer) => answer.text(),
		(error: unknown) => error
	);
	expect(broken).toBeInstanceOf(Error);

	// The server answers on: the same file again (the same drop), a page, its health.
	await new Promise((r) => setTimeout(r, 200));
	expect(exited).toBeUndefined();
	expect((await fetch(`${origin}/api/health`)).ok).toBe(true);
	expect((await fetch(`${origin}/hilfe`)).status).toBe(200);
	expect(exited).toBeUndefined();
});
