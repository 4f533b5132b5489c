// The steps of an account action that come before its command and must stand whatever the command
// does: rate limits counted before anything is judged (and committed at once, so that concurrent
// attempts see them while argon2 is still busy), the captcha, and password checks — slow, so never
// inside a transaction, which would hold the one SQLite connection while argon2 works.
import type { App } from '../app';
import type { Executor } from '../db/database';
import {
	LIMITS,
	beginAttempt,
	consume,
	limitKey,
	releaseAttempt,
	type Attempt
} from '../services/rate-limit';
import { userByEmail, type UserRow } from '../services/accounts/users';
import { AccountError } from './account-error';
import { captchaResultError, verifyCaptcha } from './captcha';
import { verifyPassword } from './password';

/** A sign-up is counted per IP and per address, then its captcha must hold. */
export async function signUpGate(app: App, ip: string, email: string, captcha: string): Promise<void> {
	const db = app.database.db;
	const now = app.now();
	await consume(db, limitKey('signup', 'ip', ip), LIMITS.signUpIp, now);
	await consume(db, limitKey('signup', 'addr', email), LIMITS.signUpAddress, now);
	const result = await verifyCaptcha(app, captcha);
	if (result !== 'ok') throw new AccountError(captchaResultError(result));
}

/** "Passwort vergessen" is counted per IP and per address. */
export async function resetGate(db: Executor, ip: string, email: string, now: Date): Promise<void> {
	await consume(db, limitKey('reset', 'ip', ip), LIMITS.resetIp, now);
	await consume(db, limitKey('reset', 'addr', email), LIMITS.resetAddress, now);
}

/** A new confirmation link is counted per IP and per account. */
export async function resendGate(db: Executor, ip: string, userId: string, now: Date): Promise<void> {
	await consume(db, limitKey('resend', 'ip', ip), LIMITS.resendIp, now);
	await consume(db, limitKey('resend', 'acct', userId), LIMITS.resendAddress, now);
}

/** Links mailed to a new address are counted per that address. */
export async function emailChangeGate(db: Executor, newEmail: string, now: Date): Promise<void> {
	await consume(db, limitKey('resend', 'addr', newEmail), LIMITS.resendAddress, now);
}

/** What the login's password check found, for the login command to act on. */
export type LoginCheck =
	{ ok: true; user: UserRow; ipAttempt: Attempt; accountKey: string } | { ok: false; userId: string | null };

/**
 * The login's first step: counted per IP and per account before the password is checked, as if it
 * failed (the login command gives a success's attempt back). Unknown address, wrong password and
 * inactive account look the same.
 */
export async function checkLoginPassword(
	db: Executor,
	ip: string,
	email: string,
	password: string,
	now: Date
): Promise<LoginCheck> {
	const accountKey = limitKey('login', 'acct', email);
	const ipAttempt = await beginAttempt(db, limitKey('login', 'ip', ip), LIMITS.loginIp, now);
	try {
		await beginAttempt(db, accountKey, LIMITS.loginAccount, now);
	} catch (error) {
		// Refused unjudged: a locked account does not use up the address's budget as well.
		await releaseAttempt(db, ipAttempt);
		throw error;
	}
	const user = await userByEmail(db, email);
	const passwordOk = await verifyPassword(user?.password_hash ?? null, password);
	if (!user || !passwordOk || user.active !== 1) return { ok: false, userId: user?.id ?? null };
	return { ok: true, user, ipAttempt, accountKey };
}

/**
 * Every password check after login (password and address change, second factor off, account
 * deletion) shares the login's limit of the account, counted before the check.
 */
export async function checkCurrentPassword(
	db: Executor,
	user: Pick<UserRow, 'email' | 'password_hash'>,
	password: string,
	now: Date
): Promise<void> {
	const attempt = await beginAttempt(db, limitKey('login', 'acct', user.email), LIMITS.loginAccount, now);
	if (!(await verifyPassword(user.password_hash, password))) throw new AccountError('currentPasswordWrong');
	await releaseAttempt(db, attempt);
}
