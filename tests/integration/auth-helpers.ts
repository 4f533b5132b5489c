// Helpers for the account tests: a cookie jar that keeps cookie options, a captcha solver (the
// proof of work the browser widget does), the outbox as a mailbox, and callers bound to a session.
import { solveChallenge } from 'altcha-lib';
import { sql } from 'kysely';
import { engineOf } from '../../server/db/engine';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { sessionCookieName, validateSessionToken } from '../../server/auth/session';
import type { CookieJar, Context } from '../../server/trpc/context';
import { handleTrpcRequest } from '../../server/trpc/http';
import type { TestApp } from './harness';

export interface RecordedCookie {
	value: string;
	options: Record<string, unknown>;
}

export function recordingJar(): CookieJar & { cookies: Map<string, RecordedCookie>; deleted: string[] } {
	const cookies = new Map<string, RecordedCookie>();
	const deleted: string[] = [];
	return {
		cookies,
		deleted,
		get: (name) => cookies.get(name)?.value,
		set: (name, value, options) => void cookies.set(name, { value, options }),
		delete: (name) => {
			deleted.push(name);
			cookies.delete(name);
		}
	};
}

/** Solves a challenge from the server as the ALTCHA widget does in the browser. */
export async function solveCaptcha(t: TestApp): Promise<string> {
	const challenge = await t.caller().auth.captchaChallenge();
	const solution = await solveChallenge({ challenge, deriveKey });
	if (!solution) throw new Error('captcha not solved');
	return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

export async function signUpInput(t: TestApp, overrides: Record<string, unknown> = {}) {
	return {
		firstName: 'Anna',
		lastName: 'Beispiel',
		street: 'Marktstraße 5',
		postcode: '59457',
		town: 'Werl',
		phone: '',
		email: 'anna@example.org',
		password: 'ein langes Passwort',
		privacyConsent: true as const,
		captcha: await solveCaptcha(t),
		locale: 'de' as const,
		...overrides
	};
}

export async function mails(t: TestApp, to?: string) {
	let query = t.app.database.db.selectFrom('mail_outbox').selectAll();
	if (to) query = query.where('to_address', '=', to);
	// In the order they were queued: SQLite's rowid; on PostgreSQL by time, then by the writing
	// transaction (the test clock stands still, and the outbox's rows are not updated in tests).
	return engineOf(t.app.database.db) === 'sqlite'
		? query.orderBy(sql`rowid`).execute()
		: query
				.orderBy('created_at')
				.orderBy(sql`xmin::text::bigint`)
				.execute();
}

/** The token of the newest mail to `to` whose link starts with origin + path. */
export async function tokenFromMail(t: TestApp, to: string, path: string, param = 'token'): Promise<string> {
	const all = await mails(t, to);
	const prefix = `${t.config.origin}${path}#${param}=`;
	for (const mail of all.reverse()) {
		const link = mail.text_body.split(/\s+/).find((word) => word.startsWith(prefix));
		if (link) return link.slice(prefix.length);
	}
	throw new Error(`no ${path} link mailed to ${to}`);
}

/** A caller whose session comes from the jar's cookie, validated as the HTTP context would. */
export async function callerWithCookies(t: TestApp, jar: CookieJar, overrides: Partial<Context> = {}) {
	const token = jar.get(sessionCookieName(t.config.origin));
	const session = token ? await validateSessionToken(t.app.database.db, token, t.clock.now()) : null;
	return t.caller({ cookies: jar, session, ...overrides });
}

export async function signUpAndConfirm(
	t: TestApp,
	email: string,
	password = 'ein langes Passwort'
): Promise<void> {
	await t.caller().auth.signUp(await signUpInput(t, { email, password }));
	const token = await tokenFromMail(t, email, '/konto/bestaetigen');
	await t.caller().auth.confirmEmail({ token });
}

export async function loginJar(t: TestApp, email: string, password: string, ip = '127.0.0.1') {
	const jar = recordingJar();
	const result = await t.caller({ cookies: jar, ip }).auth.login({ email, password });
	return { jar, result };
}

/** Calls a procedure over HTTP (fetch adapter) to see statuses, headers and bodies. */
export async function http(
	t: TestApp,
	path: string,
	input: unknown,
	options: { method?: 'GET' | 'POST'; ip?: string; headers?: Record<string, string>; jar?: CookieJar } = {}
): Promise<{ status: number; headers: Headers; body: unknown }> {
	const method = options.method ?? 'POST';
	const url = new URL(`/api/trpc/${path}`, t.config.origin);
	if (method === 'GET' && input !== undefined) url.searchParams.set('input', JSON.stringify(input));
	const request = new Request(url, {
		method,
		headers: {
			'content-type': 'application/json',
			// As a browser's fetch from our pages: POST with Origin, both with Sec-Fetch-Site.
			...(method === 'POST' ? { origin: t.config.origin } : {}),
			'sec-fetch-site': 'same-origin',
			...options.headers
		},
		body: method === 'POST' ? JSON.stringify(input ?? null) : undefined
	});
	const response = await handleTrpcRequest(
		t.app,
		request,
		options.ip ?? '127.0.0.1',
		options.jar ?? recordingJar()
	);
	return { status: response.status, headers: response.headers, body: await response.json() };
}
