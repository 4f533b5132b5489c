// Queries can have side effects too (an export or a report read is audited): a logged-in user's
// browser must not be made to run them from another site. Every call with a session needs a
// positive same-origin signal (Sec-Fetch-Site: same-origin, or our Origin).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthSession } from '../../server/auth/session';
import { handleTrpcRequest } from '../../server/trpc/http';
import { recordingJar } from './auth-helpers';
import { createUserWithSession } from './fixtures';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { createTestApp, type TestApp } from './harness';

describe('cross-site calls with a session', () => {
	let t: TestApp;
	let admin: AuthSession;
	let parent: AuthSession;
	let kitaYearId: string;

	beforeEach(async () => {
		t = await createTestApp();
		const db = t.app.database.db;
		admin = await createUserWithSession(db, t.clock.now(), 'admin');
		parent = await createUserWithSession(db, t.clock.now(), 'parent');
		const year = await db.selectFrom('kita_years').select('id').executeTakeFirstOrThrow();
		kitaYearId = year.id;
	});
	afterEach(async () => {
		await t.close();
	});

	/** A GET as the browser sends it for `path`, with the session the hook validated. */
	async function get(
		path: string,
		input: unknown,
		session: AuthSession | null,
		headers: Record<string, string>
	): Promise<number> {
		const url = new URL(`/api/trpc/${path}`, t.config.origin);
		if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
		const request = new Request(url, { headers });
		const response = await handleTrpcRequest(t.app, request, '127.0.0.1', recordingJar(), session);
		return response.status;
	}

	async function auditActions(): Promise<string[]> {
		const rows = await t.app.database.db.selectFrom('audit_events').select('action').execute();
		return rows.map((r) => r.action);
	}

	const crossSite: Record<string, string>[] = [
		{ 'sec-fetch-site': 'cross-site' },
		{ 'sec-fetch-site': 'same-site' },
		// Typed or pasted into the address bar: the link may come from anyone (a phishing mail).
		{ 'sec-fetch-site': 'none' },
		{ origin: 'https://evil.example' },
		// No signal at all (an old browser, a script): not proven to be ours.
		{},
		// Our client's header does not outweigh a browser that says the call is cross-site.
		{ 'sec-fetch-site': 'cross-site', 'x-kita-portal': '1' },
		{ origin: 'https://evil.example', 'x-kita-portal': '1' }
	];

	it('refuses privacy.export and youthOffice.report from another site, and writes no audit row', async () => {
		const before = await auditActions();
		for (const headers of crossSite) {
			const label = JSON.stringify(headers);
			expect(await get('privacy.export', undefined, parent, headers), label).toBe(403);
			expect(await get('youthOffice.report', { kitaYearId }, admin, headers), label).toBe(403);
			expect(await get('youthOffice.audit', {}, admin, headers), label).toBe(403);
			expect(await get('feedback.list', undefined, admin, headers), label).toBe(403);
		}
		expect(await auditActions()).toEqual(before);
	});

	it('answers the same calls from our own pages (fetch sends Sec-Fetch-Site, or our Origin)', async () => {
		const ours: Record<string, string>[] = [
			{ 'sec-fetch-site': 'same-origin' },
			{ origin: t.config.origin },
			// Safari before 16.4 sends neither on a GET; our client adds a header no other site can.
			{ 'x-kita-portal': '1' }
		];
		for (const headers of ours) {
			expect(await get('privacy.export', undefined, parent, headers)).toBe(200);
			expect(await get('youthOffice.report', { kitaYearId }, admin, headers)).toBe(200);
		}
		expect((await auditActions()).filter((a) => a === 'export.download' || a === 'report.read')).toHaveLength(
			6
		);
	});

	it('refuses a session query that is otherwise public (sync.pull) cross-site, but serves it anonymously', async () => {
		const pull = { clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null };
		expect(await get('sync.pull', pull, parent, { 'sec-fetch-site': 'cross-site' })).toBe(403);
		expect(await get('sync.pull', pull, parent, { 'sec-fetch-site': 'same-origin' })).toBe(200);
		// The public catalogue stays readable from anywhere (no session, nothing private, no side effect).
		expect(await get('sync.pull', pull, null, { 'sec-fetch-site': 'cross-site' })).toBe(200);
		expect(await get('sync.pull', pull, null, {})).toBe(200);
	});
});
