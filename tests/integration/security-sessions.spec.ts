// Sessions end for good: the live-update stream stops with its session, the second factor gives a new
// token, and the account deletion neither skips the password limit nor answers a password while
// blocked (security issue, points 5, 8 and 9).
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { sessionCookieName, validateSessionToken, type AuthSession } from '../../server/auth/session';
import { DEMO_ACCOUNTS, demoStaffFacilityIds } from '../../server/demo/accounts';
import { inviteAccount } from '../../server/commands/accounts/invitations';
import { SYSTEM_ACTOR } from '../../server/commands/context';
import { runCommand } from '../../server/commands/run';
import { LIMITS } from '../../server/services/rate-limit';
import { poke } from '../../server/events/poke';
import { ANONYMOUS_STREAMS_PER_IP, SESSION_RECHECK_MS } from '../../server/sync/live-stream';
import { handleTrpcRequest } from '../../server/trpc/http';
import { createCaller } from '../../server/trpc/router';
import type { Context } from '../../server/trpc/context';
import { callerWithCookies, loginJar, recordingJar, signUpAndConfirm, tokenFromMail } from './auth-helpers';
import { createUserWithSession } from './fixtures';
import { createTestApp, type TestApp } from './harness';
import { expectOk, officeWorld, type OfficeWorld } from './office-world';

const PASSWORD = 'ein langes Passwort';

async function outcome(call: Promise<unknown>): Promise<string> {
	try {
		await call;
		return 'ok';
	} catch (error) {
		if (error instanceof TRPCError) return error.message;
		throw error;
	}
}

function totp(secret: string, at: Date): string {
	return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(at.getTime() / 30_000)), 6);
}

/** An open live-update stream, as the browser's EventSource holds one. */
interface Stream {
	/** The next event: a poke, 'ended' when the server closed the stream, 'quiet' after `ms`. */
	next(ms?: number): Promise<'poke' | 'ended' | 'quiet'>;
	close(): void;
}

async function openStream(context: Context): Promise<Stream> {
	const abort = new AbortController();
	const iterable = await createCaller(context, { signal: abort.signal }).sync.poke();
	const iterator = iterable[Symbol.asyncIterator]();
	const read = () => iterator.next().then((r) => (r.done ? ('ended' as const) : ('poke' as const)));
	// The stream listens from its first read on, as the server's SSE loop reads at once.
	let pending: Promise<'poke' | 'ended'> | null = read();
	return {
		async next(ms = 2000) {
			pending ??= read();
			const quiet = new Promise<'quiet'>((resolve) => setTimeout(() => resolve('quiet'), ms));
			const result = await Promise.race([pending, quiet]);
			if (result !== 'quiet') pending = null;
			return result;
		},
		close: () => abort.abort()
	};
}

/**
 * Opens a stream and waits until it hears the user's pokes (it listens once the server has started
 * reading it), so that a later 'ended' is the session's doing and not a stream that never started.
 */
async function listeningStream(context: Context, userId: string): Promise<Stream> {
	const stream = await openStream(context);
	for (let i = 0; i < 40; i++) {
		poke([userId]);
		if ((await stream.next(50)) === 'poke') return stream;
	}
	throw new Error('the stream never heard a poke');
}

describe('the live-update stream ends with its session', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		vi.useRealTimers();
		await t.close();
	});

	async function parentStream(email = 'eltern-live@example.org') {
		await signUpAndConfirm(t, email, PASSWORD);
		const { jar } = await loginJar(t, email, PASSWORD);
		const caller = await callerWithCookies(t, jar);
		const session = await validateSessionToken(
			t.app.database.db,
			jar.get(sessionCookieName(t.config.origin)) ?? '',
			t.clock.now()
		);
		if (!session) throw new Error('no session');
		const stream = await listeningStream(t.context({ session, cookies: jar }), session.userId);
		return { caller, session, stream, jar };
	}

	it('ends at logout, and the user’s pokes no longer arrive', async () => {
		const { caller, session, stream } = await parentStream();
		await caller.auth.logout();
		poke([session.userId]);
		expect(await stream.next()).toBe('ended');
	});

	it('ends when an admin deactivates the account', async () => {
		const db = t.app.database.db;
		const staff = await createUserWithSession(db, t.clock.now(), 'staff', {
			facilityIds: demoStaffFacilityIds().slice(0, 1)
		});
		const admin = await createUserWithSession(db, t.clock.now(), 'admin');
		const stream = await listeningStream(t.context({ session: staff }), staff.userId);
		await t.caller({ session: admin }).adminAccounts.deactivate({ userId: staff.userId });
		expect(await stream.next()).toBe('ended');
	});

	it('ends when an admin ends all sessions of the account', async () => {
		const db = t.app.database.db;
		const staff = await createUserWithSession(db, t.clock.now(), 'staff', {
			facilityIds: demoStaffFacilityIds().slice(0, 1)
		});
		const admin = await createUserWithSession(db, t.clock.now(), 'admin');
		const stream = await listeningStream(t.context({ session: staff }), staff.userId);
		await t.caller({ session: admin }).adminAccounts.endSessions({ userId: staff.userId });
		expect(await stream.next()).toBe('ended');
	});

	it('ends on other devices when the password is changed, and goes on on this one', async () => {
		const { session: other, stream: otherStream } = await parentStream();
		const { jar } = await loginJar(t, 'eltern-live@example.org', PASSWORD);
		const here = await callerWithCookies(t, jar);
		const hereSession = await validateSessionToken(
			t.app.database.db,
			jar.get(sessionCookieName(t.config.origin)) ?? '',
			t.clock.now()
		);
		if (!hereSession) throw new Error('no session');
		const hereStream = await listeningStream(t.context({ session: hereSession }), hereSession.userId);
		await here.account.changePassword({
			currentPassword: PASSWORD,
			newPassword: 'ein neues langes Passwort'
		});
		expect(await otherStream.next()).toBe('ended');
		poke([other.userId]);
		expect(await hereStream.next()).toBe('poke');
		hereStream.close();
	});

	it('ends when the password is reset by mail', async () => {
		const { stream } = await parentStream();
		await t.caller().auth.requestPasswordReset({ email: 'eltern-live@example.org' });
		const token = await tokenFromMail(t, 'eltern-live@example.org', '/passwort-neu');
		await t.caller().auth.resetPassword({ token, password: 'ein neues langes Passwort' });
		expect(await stream.next()).toBe('ended');
	});

	it('ends when the parent deletes the account', async () => {
		const { caller, stream } = await parentStream();
		expect(await caller.privacy.deleteAccount({ password: PASSWORD })).toEqual({ ok: true, blockers: [] });
		expect(await stream.next()).toBe('ended');
	});

	it('ends at the session’s expiry: at the next poke', async () => {
		const { session, stream } = await parentStream();
		t.clock.set(new Date(session.expiresAt.getTime() + 1000).toISOString());
		poke([session.userId]);
		expect(await stream.next()).toBe('ended');
	});

	it('ends at the session’s expiry: by its timer, without any poke', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		const { session, stream } = await parentStream();
		t.clock.set(new Date(session.expiresAt.getTime() + 1000).toISOString());
		await vi.advanceTimersByTimeAsync(SESSION_RECHECK_MS);
		expect(await stream.next()).toBe('ended');
	});

	it(`takes ${ANONYMOUS_STREAMS_PER_IP} anonymous streams per address and refuses more`, async () => {
		const from = (ip: string) => t.context({ ip });
		const streams = await Promise.all(
			Array.from({ length: ANONYMOUS_STREAMS_PER_IP }, () => openStream(from('10.7.7.7')))
		);
		await expect(openStream(from('10.7.7.7'))).rejects.toMatchObject({
			code: 'TOO_MANY_REQUESTS',
			message: 'tooManyStreams'
		});
		// Another address is not affected; a closed stream frees its place.
		const elsewhere = await openStream(from('10.7.7.8'));
		streams[0]?.close();
		await new Promise((resolve) => setTimeout(resolve, 10));
		const again = await openStream(from('10.7.7.7'));
		for (const s of [...streams, elsewhere, again]) s.close();
	});

	it('answers an anonymous stream beyond the cap over HTTP with 429', async () => {
		const streams = await Promise.all(
			Array.from({ length: ANONYMOUS_STREAMS_PER_IP }, () => openStream(t.context({ ip: '10.7.7.9' })))
		);
		const response = await handleTrpcRequest(
			t.app,
			new Request(`${t.config.origin}/api/trpc/sync.poke`, { headers: { accept: 'text/event-stream' } }),
			'10.7.7.9',
			recordingJar()
		);
		expect(response.status).toBe(429);
		expect(await response.text()).toContain('tooManyStreams');
		for (const s of streams) s.close();
	});
});

describe('the second factor gives the session a new token', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	const cookie = (jar: ReturnType<typeof recordingJar>) => jar.get(sessionCookieName(t.config.origin)) ?? '';

	async function expectNewToken(jar: ReturnType<typeof recordingJar>, before: string, userId: string) {
		const after = cookie(jar);
		expect(after).not.toBe(before);
		expect(await validateSessionToken(t.app.database.db, before, t.clock.now())).toBeNull();
		expect(await validateSessionToken(t.app.database.db, after, t.clock.now())).toMatchObject({
			userId,
			mfaVerified: true
		});
		const rows = await t.app.database.db
			.selectFrom('sessions')
			.selectAll()
			.where('user_id', '=', userId)
			.execute();
		expect(rows.map((r) => r.mfa_verified)).toEqual([1]);
	}

	it('at auth.verifyMfa', async () => {
		const account = DEMO_ACCOUNTS.find((a) => a.role === 'staff');
		if (!account?.totpSecret) throw new Error('no demo staff');
		const { jar } = await loginJar(t, account.email, account.password);
		const before = cookie(jar);
		const caller = await callerWithCookies(t, jar);
		const user = await caller.auth.verifyMfa({ code: totp(account.totpSecret, t.clock.now()) });
		await expectNewToken(jar, before, user.userId);
	});

	it('at auth.mfaSetupFinish', async () => {
		const { token } = await runCommand(t.app, SYSTEM_ACTOR, (c) =>
			inviteAccount(c, {
				email: 'neu@kita.example.org',
				firstName: 'Nora',
				lastName: 'Neu',
				role: 'staff',
				facilityIds: demoStaffFacilityIds().slice(0, 1)
			})
		);
		await t.caller().auth.acceptInvite({ token, password: PASSWORD });
		const { jar } = await loginJar(t, 'neu@kita.example.org', PASSWORD);
		const before = cookie(jar);
		const caller = await callerWithCookies(t, jar);
		const setup = await caller.auth.mfaSetupStart();
		const done = await caller.auth.mfaSetupFinish({ code: totp(setup.secret, t.clock.now()) });
		await expectNewToken(jar, before, done.user.userId);
	});
});

describe('account deletion: blockers first, then the password under the login limit', () => {
	let w: OfficeWorld;
	const RIGHT = 'Richtig-Geheim-1';
	beforeEach(async () => {
		w = await officeWorld('2026-12-02T09:00:00Z');
		await w.t.app.database.db
			.updateTable('users')
			.set({ password_hash: await hashPassword(RIGHT) })
			.where('id', '=', w.parent.session.userId)
			.execute();
	});
	afterEach(async () => {
		await w.close();
	});

	const caller = (session: AuthSession = w.parent.session) => w.t.caller({ session });

	it('answers the blockers whatever the password, without checking it', async () => {
		const childId = await w.family(w.parent);
		const [atX] = await w.register(w.parent, childId, [w.kitaX], '2027-08-01');
		await expectOk(
			w.push(w.staff, 'makeOffer', {
				requestId: atX as string,
				expectedStatus: 'registered',
				startDate: '2027-08-01',
				weeklyHours: 35,
				note: ''
			})
		);
		const blocked = { ok: false, blockers: ['openOffer'] };
		expect(await caller().privacy.deleteAccount({ password: 'falsch-falsch' })).toEqual(blocked);
		expect(await caller().privacy.deleteAccount({ password: RIGHT })).toEqual(blocked);
		// Nothing was counted against the login limit either.
		expect(await w.t.app.database.db.selectFrom('rate_limits').selectAll().execute()).toEqual([]);
	});

	it('judges at most 5 of 8 concurrent wrong passwords, then refuses the right one too', async () => {
		const answers = await Promise.all(
			Array.from({ length: 8 }, (_, i) =>
				outcome(caller().privacy.deleteAccount({ password: `falsch-${i}-x` }))
			)
		);
		expect(answers.filter((a) => a === 'currentPasswordWrong').length).toBeLessThanOrEqual(
			LIMITS.loginAccount.max
		);
		expect(answers.filter((a) => a === 'rateLimited').length).toBeGreaterThanOrEqual(
			8 - LIMITS.loginAccount.max
		);
		expect(await outcome(caller().privacy.deleteAccount({ password: RIGHT }))).toBe('rateLimited');
		const user = await w.t.app.database.db
			.selectFrom('users')
			.select('id')
			.where('id', '=', w.parent.session.userId)
			.executeTakeFirst();
		expect(user).toBeDefined();
	});
});
