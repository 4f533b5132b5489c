// Accounts: sign-up with confirmation, login with an optional second factor, password reset,
// changes of password and address, invitations. Mails go to the outbox; every step is audited
// with ids only. Answers for known and unknown addresses are the same (no account enumeration).
import type { Selectable } from 'kysely';
import {
	EMAIL_LINK_MINUTES,
	INVITE_LINK_HOURS,
	RESEND_LINK_DAYS,
	type AccountErrorCode,
	type AccountLocale,
	type AccountStatus,
	type KnownUser,
	type LoginNext
} from '../../src/lib/domain/account';
import { newId, type UserId } from '../../src/lib/domain/ids';
import { requiresMfa, type Role } from '../../src/lib/domain/roles';
import type { App } from '../app';
import { captchaResultError, verifyCaptcha } from '../auth/captcha';
import { hashPassword, verifyPassword } from '../auth/password';
import {
	createSession,
	hashToken,
	invalidateSession,
	invalidateUserSessions,
	type AuthSession
} from '../auth/session';
import { afterCredentialChange } from '../auth/credentials';
import { consumeToken, issueToken, lookupToken, retireTokens, type TokenState } from '../auth/tokens';
import {
	generateRecoveryCodes,
	generateTotpKey,
	hashRecoveryCode,
	matchTotp,
	totpKeyUri,
	totpSecretBase32
} from '../auth/totp';
import { openTotpKey, sealTotpKey } from '../auth/totp-crypto';
import type { Executor } from '../db/database';
import type { UsersTable } from '../db/schema';
import { audit } from './audit';
import { enqueueMail } from './mail/outbox';
import { LIMITS, beginAttempt, clearLimit, consume, limitKey, releaseAttempt } from './rate-limit';

type UserRow = Selectable<UsersTable>;

/** A refusal the client can explain; the router turns `kind` into the HTTP status. */
export class AccountError extends Error {
	constructor(
		readonly code: AccountErrorCode,
		readonly kind: 'badRequest' | 'unauthorized' | 'forbidden' | 'conflict' = 'badRequest'
	) {
		super(code);
	}
}

const MINUTE = 60_000;
const EMAIL_LINK_MS = EMAIL_LINK_MINUTES * MINUTE;
const INVITE_LINK_MS = INVITE_LINK_HOURS * 60 * MINUTE;
/** A password-checked session waiting for the second factor (or its set-up) lives this long. */
export const MFA_PENDING_MS = 30 * MINUTE;

export const links = {
	confirm: (origin: string, token: string) => `${origin}/konto/bestaetigen#token=${token}`,
	resend: (origin: string, token: string) => `${origin}/konto/bestaetigen#neu=${token}`,
	reset: (origin: string, token: string) => `${origin}/passwort-neu#token=${token}`,
	invite: (origin: string, token: string) => `${origin}/einladung#token=${token}`,
	login: (origin: string) => `${origin}/login`,
	forgot: (origin: string) => `${origin}/passwort-vergessen`
};

function displayName(user: Pick<UserRow, 'first_name' | 'last_name'>): string {
	return `${user.first_name} ${user.last_name}`;
}

async function userByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
	return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

async function userById(db: Executor, id: string): Promise<UserRow> {
	return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function knownUser(db: Executor, user: UserRow): Promise<KnownUser> {
	const facilityIds =
		user.role === 'staff'
			? (
					await db
						.selectFrom('user_facilities')
						.select('facility_id')
						.where('user_id', '=', user.id)
						.orderBy('facility_id')
						.execute()
				).map((r) => r.facility_id)
			: [];
	return {
		userId: user.id,
		role: user.role as Role,
		firstName: user.first_name,
		lastName: user.last_name,
		facilityIds,
		locale: user.locale,
		...(user.role === 'parent'
			? {
					contact: {
						street: user.street ?? '',
						postcode: user.postcode ?? '',
						town: user.town ?? '',
						phone: user.phone ?? '',
						email: user.email
					}
				}
			: {})
	};
}

function actorOf(user: Pick<UserRow, 'id' | 'role'>) {
	return { userId: user.id, role: user.role };
}

async function sendConfirmation(app: App, db: Executor, user: UserRow, now: Date): Promise<void> {
	const { token } = await issueToken(db, user.id, 'confirm', EMAIL_LINK_MS, now);
	await enqueueMail(
		db,
		{
			to: user.email,
			about: { userId: user.id },
			locale: user.locale,
			kind: 'confirm',
			params: {
				name: displayName(user),
				confirmUrl: links.confirm(app.config.origin, token),
				resendUrl: links.resend(app.config.origin, token),
				minutes: EMAIL_LINK_MINUTES
			}
		},
		now
	);
}

// ---------------------------------------------------------------------------------------------
// Sign-up and confirmation

export interface SignUpData {
	firstName: string;
	lastName: string;
	street: string;
	postcode: string;
	town: string;
	phone: string;
	email: string;
	password: string;
	captcha: string;
	locale: AccountLocale;
}

/**
 * Creates an unconfirmed parent account and mails the confirmation link. For an address that has
 * an account already, the answer is the same. A confirmed account's owner gets a mail instead — the
 * typed password never replaces theirs. An account whose address is not confirmed yet belongs to
 * nobody proven: the newest sign-up replaces its password and details and earlier links end, so
 * whoever signed up first with another person's address does not hold the account once that
 * person signs up and confirms (account pre-hijacking).
 */
export async function signUp(app: App, ip: string, input: SignUpData): Promise<{ ok: true }> {
	const db = app.database.db;
	const now = app.now();
	await consume(db, limitKey('signup', 'ip', ip), LIMITS.signUpIp, now);
	await consume(db, limitKey('signup', 'addr', input.email), LIMITS.signUpAddress, now);
	const captcha = await verifyCaptcha(app, input.captcha);
	if (captcha !== 'ok') throw new AccountError(captchaResultError(captcha));
	// Hash in every case, so that known and unknown addresses take the same time.
	const passwordHash = await hashPassword(input.password);
	await db.transaction().execute(async (tx) => {
		const existing = await userByEmail(tx, input.email);
		if (existing) {
			if (!existing.email_confirmed_at && existing.role === 'parent') {
				const replaced = await replaceUnconfirmedSignUp(tx, existing, input, passwordHash, now);
				await sendConfirmation(app, tx, replaced, now);
				await audit(
					tx,
					{ action: 'signup', actor: actorOf(replaced), targetType: 'user', targetId: replaced.id },
					now
				);
				return;
			}
			await enqueueMail(
				tx,
				{
					to: existing.email,
					about: { userId: existing.id },
					locale: existing.locale,
					kind: 'alreadyRegistered',
					params: {
						name: displayName(existing),
						loginUrl: links.login(app.config.origin),
						forgotUrl: links.forgot(app.config.origin)
					}
				},
				now
			);
			await audit(
				tx,
				{ action: 'signup', targetType: 'user', targetId: existing.id, outcome: 'refused' },
				now
			);
			return;
		}
		const at = now.toISOString();
		const user: UserRow = {
			id: newId<'UserId'>(),
			email: input.email,
			password_hash: passwordHash,
			role: 'parent',
			first_name: input.firstName,
			last_name: input.lastName,
			street: input.street,
			postcode: input.postcode,
			town: input.town,
			phone: input.phone || null,
			locale: input.locale,
			email_confirmed_at: null,
			privacy_consent_at: at,
			totp_key: null,
			totp_pending_key: null,
			totp_last_step: null,
			last_login_at: null,
			active: 1,
			created_at: at,
			updated_at: at
		};
		await tx.insertInto('users').values(user).execute();
		await sendConfirmation(app, tx, user, now);
		await audit(tx, { action: 'signup', actor: actorOf(user), targetType: 'user', targetId: user.id }, now);
	});
	return { ok: true };
}

/** The newest sign-up's password, details, locale and consent; earlier links and sessions end. */
async function replaceUnconfirmedSignUp(
	tx: Executor,
	existing: UserRow,
	input: SignUpData,
	passwordHash: string,
	now: Date
): Promise<UserRow> {
	const at = now.toISOString();
	const changes = {
		password_hash: passwordHash,
		first_name: input.firstName,
		last_name: input.lastName,
		street: input.street,
		postcode: input.postcode,
		town: input.town,
		phone: input.phone || null,
		locale: input.locale,
		privacy_consent_at: at,
		updated_at: at
	};
	await tx.updateTable('users').set(changes).where('id', '=', existing.id).execute();
	await afterCredentialChange(tx, existing.id, now);
	return { ...existing, ...changes };
}

function tokenError(state: Exclude<TokenState, 'valid'>): AccountError {
	return new AccountError(
		state === 'expired' ? 'tokenExpired' : state === 'used' ? 'tokenUsed' : 'tokenInvalid'
	);
}

/** What a link is for and whether it still works (the pages ask before showing a form). */
export async function tokenStatus(
	app: App,
	token: string
): Promise<{ state: TokenState; purpose: 'confirm' | 'reset' | 'invite' | 'changeEmail' | null }> {
	const found = await lookupToken(
		app.database.db,
		token,
		['confirm', 'reset', 'invite', 'changeEmail'],
		app.now()
	);
	return { state: found.state, purpose: found.purpose };
}

/** Opens a confirmation link: the sign-up's address, or a new address after a change. */
export async function confirmEmail(
	app: App,
	token: string
): Promise<{ outcome: 'confirmed' | 'emailChanged' }> {
	const now = app.now();
	return app.database.db.transaction().execute(async (tx) => {
		const found = await lookupToken(tx, token, ['confirm', 'changeEmail'], now);
		if (found.state !== 'valid' || !found.userId)
			throw tokenError(found.state === 'valid' ? 'invalid' : found.state);
		const user = await userById(tx, found.userId);
		if (found.purpose === 'changeEmail' && found.newEmail) {
			const taken = await userByEmail(tx, found.newEmail);
			if (taken && taken.id !== user.id) throw new AccountError('emailTaken', 'conflict');
			if (!(await consumeToken(tx, found.id, now))) throw tokenError('used');
			await tx
				.updateTable('users')
				.set({ email: found.newEmail, email_confirmed_at: now.toISOString(), updated_at: now.toISOString() })
				.where('id', '=', user.id)
				.execute();
			await retireTokens(tx, user.id, 'changeEmail', now);
			await enqueueMail(
				tx,
				{
					to: user.email,
					about: { userId: user.id },
					locale: user.locale,
					kind: 'emailChanged',
					params: { name: displayName(user), forgotUrl: links.forgot(app.config.origin) }
				},
				now
			);
			await audit(
				tx,
				{ action: 'email.change', actor: actorOf(user), targetType: 'user', targetId: user.id },
				now
			);
			return { outcome: 'emailChanged' as const };
		}
		if (!(await consumeToken(tx, found.id, now))) throw tokenError('used');
		if (!user.email_confirmed_at) {
			await tx
				.updateTable('users')
				.set({ email_confirmed_at: now.toISOString(), updated_at: now.toISOString() })
				.where('id', '=', user.id)
				.execute();
			// Login refuses unconfirmed accounts, so there should be none; but no session opened before
			// the address was proven (perhaps by whoever signed up with it) may live on after.
			await invalidateUserSessions(tx, user.id);
		}
		await retireTokens(tx, user.id, 'confirm', now);
		await audit(
			tx,
			{ action: 'email.confirm', actor: actorOf(user), targetType: 'user', targetId: user.id },
			now
		);
		return { outcome: 'confirmed' as const };
	});
}

/**
 * The second link of the confirmation mail (and the button on the "link expired" page): sends a
 * fresh confirmation link. The old link proves who asks; it works for this for RESEND_LINK_DAYS.
 */
export async function resendConfirmation(
	app: App,
	ip: string,
	token: string
): Promise<{ outcome: 'sent' | 'alreadyConfirmed' }> {
	const db = app.database.db;
	const now = app.now();
	const found = await lookupToken(db, token, ['confirm'], now);
	if (
		found.state === 'invalid' ||
		!found.userId ||
		!found.createdAt ||
		now.getTime() - found.createdAt.getTime() > RESEND_LINK_DAYS * 24 * 60 * MINUTE
	)
		throw new AccountError('tokenInvalid');
	await consume(db, limitKey('resend', 'ip', ip), LIMITS.resendIp, now);
	await consume(db, limitKey('resend', 'acct', found.userId), LIMITS.resendAddress, now);
	const user = await userById(db, found.userId);
	if (user.email_confirmed_at) return { outcome: 'alreadyConfirmed' };
	await db.transaction().execute((tx) => sendConfirmation(app, tx, user, now));
	return { outcome: 'sent' };
}

// ---------------------------------------------------------------------------------------------
// Login, second factor, logout

export interface LoginResult {
	token: string;
	expiresAt: Date;
	next: LoginNext;
	/** Set when the login is complete (no second factor needed). */
	user: KnownUser | null;
}

export async function login(app: App, ip: string, email: string, password: string): Promise<LoginResult> {
	const db = app.database.db;
	const now = app.now();
	const ipKey = limitKey('login', 'ip', ip);
	const accountKey = limitKey('login', 'acct', email);
	// Counted before the password is checked, as if it failed; a success gives the attempt back.
	const ipAttempt = await beginAttempt(db, ipKey, LIMITS.loginIp, now);
	try {
		await beginAttempt(db, accountKey, LIMITS.loginAccount, now);
	} catch (error) {
		// Refused unjudged: a locked account does not use up the address's budget as well.
		await releaseAttempt(db, ipAttempt);
		throw error;
	}
	const user = await userByEmail(db, email);
	const passwordOk = await verifyPassword(user?.password_hash ?? null, password);
	if (!user || !passwordOk || user.active !== 1) {
		await audit(
			db,
			{ action: 'login.failure', targetType: 'user', targetId: user?.id ?? null, outcome: 'refused' },
			now
		);
		throw new AccountError('invalidCredentials', 'unauthorized');
	}
	await clearLimit(db, accountKey);
	await releaseAttempt(db, ipAttempt);
	// Only someone who knows the password learns that the address is not confirmed yet.
	if (!user.email_confirmed_at) {
		await audit(
			db,
			{
				action: 'login.failure',
				actor: actorOf(user),
				targetType: 'user',
				targetId: user.id,
				outcome: 'refused'
			},
			now
		);
		throw new AccountError('emailNotConfirmed', 'forbidden');
	}
	const role = user.role as Role;
	const needsMfa = requiresMfa(role, user.totp_key !== null);
	const next: LoginNext = !needsMfa ? 'done' : user.totp_key ? 'mfaVerify' : 'mfaSetup';
	return db.transaction().execute(async (tx) => {
		const session = await createSession(tx, user.id as UserId, role, now, !needsMfa);
		let expiresAt = session.expiresAt;
		if (needsMfa) {
			expiresAt = new Date(now.getTime() + MFA_PENDING_MS);
			await tx
				.updateTable('sessions')
				.set({ expires_at: expiresAt.toISOString() })
				.where('id', '=', hashToken(session.token))
				.execute();
		} else {
			await completeLogin(tx, user, now);
		}
		return { token: session.token, expiresAt, next, user: needsMfa ? null : await knownUser(tx, user) };
	});
}

async function completeLogin(db: Executor, user: UserRow, now: Date): Promise<void> {
	await db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', user.id).execute();
	await audit(
		db,
		{ action: 'login.success', actor: actorOf(user), targetType: 'user', targetId: user.id },
		now
	);
}

/**
 * The second factor completes the login: a new session with a new token and the role's normal
 * lifetime replaces the password-only one, as a login would (a token seen before this step, e.g.
 * planted or read in transit, does not become a full login).
 */
async function upgradeSession(
	db: Executor,
	session: AuthSession,
	now: Date
): Promise<{ token: string; expiresAt: Date }> {
	const fresh = await createSession(db, session.userId, session.role, now, true);
	await invalidateSession(db, session.id);
	return fresh;
}

export interface MfaResult {
	user: KnownUser;
	expiresAt: Date;
	/** The new session token when the step completed a login; null when the session was complete. */
	token: string | null;
}

/** The second login step: a TOTP code, or one of the recovery codes (each works once). */
export async function verifyMfa(
	app: App,
	session: AuthSession,
	input: { code: string } | { recoveryCode: string }
): Promise<MfaResult> {
	const db = app.database.db;
	const now = app.now();
	if (session.mfaVerified)
		return {
			user: await knownUser(db, await userById(db, session.userId)),
			expiresAt: session.expiresAt,
			token: null
		};
	const user = await userById(db, session.userId);
	if (!user.totp_key) throw new AccountError('mfaRequired', 'forbidden');
	const key = limitKey('mfa', 'acct', user.id);
	// Counted before the code is checked; a right code clears the count.
	await beginAttempt(db, key, LIMITS.mfaAccount, now);
	const result = await db.transaction().execute(async (tx) => {
		let ok = false;
		if ('code' in input) {
			const step = matchTotp(
				openTotpKey(user.totp_key as string, app.totpKey, user.id),
				input.code,
				now,
				user.totp_last_step
			);
			if (step !== null) {
				// Only a step later than the last one counts, also when two requests race.
				const updated = await tx
					.updateTable('users')
					.set({ totp_last_step: step })
					.where('id', '=', user.id)
					.where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
					.executeTakeFirst();
				ok = updated.numUpdatedRows === 1n;
			}
		} else {
			const used = await tx
				.updateTable('recovery_codes')
				.set({ used_at: now.toISOString() })
				.where('user_id', '=', user.id)
				.where('code_hash', '=', hashRecoveryCode(input.recoveryCode))
				.where('used_at', 'is', null)
				.executeTakeFirst();
			ok = used.numUpdatedRows === 1n;
			if (ok)
				await audit(
					tx,
					{ action: 'mfa.recoveryUsed', actor: actorOf(user), targetType: 'user', targetId: user.id },
					now
				);
		}
		if (!ok) return null;
		await clearLimit(tx, key);
		const { token, expiresAt } = await upgradeSession(tx, session, now);
		await completeLogin(tx, user, now);
		return { user: await knownUser(tx, user), expiresAt, token };
	});
	if (!result) {
		await mfaFailure(db, user, now);
		throw new AccountError('mfaCodeInvalid');
	}
	return result;
}

/** The attempt was counted before the check; the failure is only audited. */
async function mfaFailure(db: Executor, user: UserRow, now: Date): Promise<void> {
	await audit(
		db,
		{
			action: 'login.mfaFailure',
			actor: actorOf(user),
			targetType: 'user',
			targetId: user.id,
			outcome: 'refused'
		},
		now
	);
}

/** Starts the TOTP set-up: a new key, kept aside until the first code shows the app has it. */
export async function startMfaSetup(
	app: App,
	session: AuthSession
): Promise<{ secret: string; uri: string }> {
	const db = app.database.db;
	const user = await userById(db, session.userId);
	if (user.totp_key) throw new AccountError('mfaAlreadyEnabled', 'conflict');
	const key = generateTotpKey();
	await db
		.updateTable('users')
		.set({ totp_pending_key: sealTotpKey(key, app.totpKey, user.id) })
		.where('id', '=', user.id)
		.execute();
	return { secret: totpSecretBase32(key), uri: totpKeyUri(user.email, key) };
}

/** Finishes the set-up with a first code; returns the recovery codes (shown once, stored hashed). */
export async function finishMfaSetup(
	app: App,
	session: AuthSession,
	code: string
): Promise<MfaResult & { recoveryCodes: string[] }> {
	const db = app.database.db;
	const now = app.now();
	const user = await userById(db, session.userId);
	if (user.totp_key) throw new AccountError('mfaAlreadyEnabled', 'conflict');
	const key = limitKey('mfa', 'acct', user.id);
	await beginAttempt(db, key, LIMITS.mfaAccount, now);
	const step = user.totp_pending_key
		? matchTotp(openTotpKey(user.totp_pending_key, app.totpKey, user.id), code, now, null)
		: null;
	if (step === null) {
		await mfaFailure(db, user, now);
		throw new AccountError('mfaCodeInvalid');
	}
	const recoveryCodes = generateRecoveryCodes();
	return db.transaction().execute(async (tx) => {
		await tx
			.updateTable('users')
			.set({
				totp_key: user.totp_pending_key,
				totp_pending_key: null,
				totp_last_step: step,
				updated_at: now.toISOString()
			})
			.where('id', '=', user.id)
			.execute();
		await tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
		await tx
			.insertInto('recovery_codes')
			.values(recoveryCodes.map((c) => ({ user_id: user.id, code_hash: hashRecoveryCode(c), used_at: null })))
			.execute();
		await clearLimit(tx, key);
		await audit(
			tx,
			{ action: 'mfa.setup', actor: actorOf(user), targetType: 'user', targetId: user.id },
			now
		);
		const known = await knownUser(tx, user);
		if (session.mfaVerified) return { recoveryCodes, user: known, expiresAt: session.expiresAt, token: null };
		const { token, expiresAt } = await upgradeSession(tx, session, now);
		await completeLogin(tx, user, now);
		return { recoveryCodes, user: known, expiresAt, token };
	});
}

/** Parents may switch the second factor off again (with their password); office roles may not. */
export async function disableMfa(app: App, session: AuthSession, password: string): Promise<void> {
	const db = app.database.db;
	const now = app.now();
	const user = await userById(db, session.userId);
	if (requiresMfa(user.role as Role, false)) throw new AccountError('notPermitted', 'forbidden');
	await checkCurrentPassword(app, user, password);
	await db.transaction().execute(async (tx) => {
		await tx
			.updateTable('users')
			.set({ totp_key: null, totp_pending_key: null, totp_last_step: null, updated_at: now.toISOString() })
			.where('id', '=', user.id)
			.execute();
		await tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
		await audit(
			tx,
			{ action: 'mfa.disable', actor: actorOf(user), targetType: 'user', targetId: user.id },
			now
		);
	});
}

export async function logout(app: App, session: AuthSession): Promise<void> {
	const db = app.database.db;
	await invalidateSession(db, session.id);
	await audit(
		db,
		{ action: 'logout', actor: session, targetType: 'user', targetId: session.userId },
		app.now()
	);
}

export async function me(app: App, session: AuthSession | null): Promise<KnownUser | null> {
	if (!session?.mfaVerified) return null;
	return knownUser(app.database.db, await userById(app.database.db, session.userId));
}

// ---------------------------------------------------------------------------------------------
// Password reset, invitations

/**
 * "Passwort vergessen": a reset link for a confirmed account, a new confirmation link for one that
 * is not confirmed yet (FAQ), nothing for an unknown address — and the same answer in every case.
 */
export async function requestPasswordReset(app: App, ip: string, email: string): Promise<{ ok: true }> {
	const db = app.database.db;
	const now = app.now();
	await consume(db, limitKey('reset', 'ip', ip), LIMITS.resetIp, now);
	await consume(db, limitKey('reset', 'addr', email), LIMITS.resetAddress, now);
	await db.transaction().execute(async (tx) => {
		const user = await userByEmail(tx, email);
		if (!user || user.active !== 1) return;
		if (!user.email_confirmed_at && user.role === 'parent') {
			await sendConfirmation(app, tx, user, now);
		} else {
			const { token } = await issueToken(tx, user.id, 'reset', EMAIL_LINK_MS, now);
			await enqueueMail(
				tx,
				{
					to: user.email,
					about: { userId: user.id },
					locale: user.locale,
					kind: 'reset',
					params: {
						name: displayName(user),
						resetUrl: links.reset(app.config.origin, token),
						minutes: EMAIL_LINK_MINUTES
					}
				},
				now
			);
		}
		await audit(tx, { action: 'password.resetRequest', targetType: 'user', targetId: user.id }, now);
	});
	return { ok: true };
}

async function setPasswordWithToken(
	app: App,
	token: string,
	password: string,
	purpose: 'reset' | 'invite'
): Promise<void> {
	const now = app.now();
	const db = app.database.db;
	const found = await lookupToken(db, token, [purpose], now);
	if (found.state !== 'valid' || !found.userId)
		throw tokenError(found.state === 'valid' ? 'invalid' : found.state);
	const userId = found.userId;
	const passwordHash = await hashPassword(password);
	await db.transaction().execute(async (tx) => {
		if (!(await consumeToken(tx, found.id, now))) throw tokenError('used');
		const user = await userById(tx, userId);
		await tx
			.updateTable('users')
			.set({
				password_hash: passwordHash,
				// The link came by mail: the address is proven.
				email_confirmed_at: user.email_confirmed_at ?? now.toISOString(),
				updated_at: now.toISOString()
			})
			.where('id', '=', userId)
			.execute();
		// A reset ends every session and every other mailed link: whoever knew the old password is
		// logged out everywhere, and an address change they asked for does not go through.
		await afterCredentialChange(tx, userId, now);
		await audit(
			tx,
			{
				action: purpose === 'reset' ? 'password.reset' : 'invite.accept',
				actor: actorOf(user),
				targetType: 'user',
				targetId: userId
			},
			now
		);
	});
}

/** Sets a new password from a reset link. No automatic login: the user logs in afterwards. */
export function resetPassword(app: App, token: string, password: string): Promise<void> {
	return setPasswordWithToken(app, token, password, 'reset');
}

/** Sets the first password from an invitation link. */
export function acceptInvite(app: App, token: string, password: string): Promise<void> {
	return setPasswordWithToken(app, token, password, 'invite');
}

// ---------------------------------------------------------------------------------------------
// The account page

/**
 * Every password check after login (password and address change, second factor off, account
 * deletion) shares the login's limit of the account, counted before the check.
 */
async function checkCurrentPassword(app: App, user: UserRow, password: string): Promise<void> {
	const db = app.database.db;
	const attempt = await beginAttempt(
		db,
		limitKey('login', 'acct', user.email),
		LIMITS.loginAccount,
		app.now()
	);
	if (!(await verifyPassword(user.password_hash, password))) throw new AccountError('currentPasswordWrong');
	await releaseAttempt(db, attempt);
}

/** The logged-in user's password, asked again before a grave step (the account's deletion). */
export async function confirmPassword(app: App, session: AuthSession, password: string): Promise<void> {
	await checkCurrentPassword(app, await userById(app.database.db, session.userId), password);
}

export async function changePassword(
	app: App,
	session: AuthSession,
	currentPassword: string,
	newPassword: string
): Promise<void> {
	const db = app.database.db;
	const now = app.now();
	const user = await userById(db, session.userId);
	await checkCurrentPassword(app, user, currentPassword);
	const passwordHash = await hashPassword(newPassword);
	await db.transaction().execute(async (tx) => {
		await tx
			.updateTable('users')
			.set({ password_hash: passwordHash, updated_at: now.toISOString() })
			.where('id', '=', user.id)
			.execute();
		// Other devices are logged out (this one stays) and mailed links end, as after a reset.
		await afterCredentialChange(tx, user.id, now, { keepSessionId: session.id });
		await enqueueMail(
			tx,
			{
				to: user.email,
				about: { userId: user.id },
				locale: user.locale,
				kind: 'passwordChanged',
				params: { name: displayName(user), forgotUrl: links.forgot(app.config.origin) }
			},
			now
		);
		await audit(
			tx,
			{ action: 'password.change', actor: actorOf(user), targetType: 'user', targetId: user.id },
			now
		);
	});
}

/** Mails a confirmation link to the new address; the address changes only when it is opened. */
export async function requestEmailChange(
	app: App,
	session: AuthSession,
	newEmail: string,
	password: string
): Promise<{ ok: true }> {
	const db = app.database.db;
	const now = app.now();
	const user = await userById(db, session.userId);
	await checkCurrentPassword(app, user, password);
	if (newEmail === user.email) throw new AccountError('sameEmail');
	await consume(db, limitKey('resend', 'addr', newEmail), LIMITS.resendAddress, now);
	await db.transaction().execute(async (tx) => {
		const taken = await userByEmail(tx, newEmail);
		if (taken) {
			// Same answer as for a free address; the owner of that address learns of the attempt.
			await enqueueMail(
				tx,
				{
					to: taken.email,
					about: { userId: taken.id },
					locale: taken.locale,
					kind: 'alreadyRegistered',
					params: {
						name: displayName(taken),
						loginUrl: links.login(app.config.origin),
						forgotUrl: links.forgot(app.config.origin)
					}
				},
				now
			);
		} else {
			const { token } = await issueToken(tx, user.id, 'changeEmail', EMAIL_LINK_MS, now, newEmail);
			await enqueueMail(
				tx,
				{
					to: newEmail,
					about: { userId: user.id },
					locale: user.locale,
					kind: 'changeEmail',
					params: {
						name: displayName(user),
						confirmUrl: links.confirm(app.config.origin, token),
						minutes: EMAIL_LINK_MINUTES
					}
				},
				now
			);
		}
		await audit(
			tx,
			{ action: 'email.changeRequest', actor: actorOf(user), targetType: 'user', targetId: user.id },
			now
		);
	});
	return { ok: true };
}

export interface Profile {
	email: string;
	firstName: string;
	lastName: string;
	street: string | null;
	postcode: string | null;
	town: string | null;
	phone: string | null;
	role: Role;
	mfaEnabled: boolean;
	mfaRequired: boolean;
	recoveryCodesLeft: number;
	/** A new address waiting for its confirmation link to be opened. */
	pendingEmail: string | null;
}

export async function profile(app: App, session: AuthSession): Promise<Profile> {
	const db = app.database.db;
	const now = app.now();
	const user = await userById(db, session.userId);
	const left = await db
		.selectFrom('recovery_codes')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', user.id)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	const pending = await db
		.selectFrom('email_tokens')
		.select('new_email')
		.where('user_id', '=', user.id)
		.where('purpose', '=', 'changeEmail')
		.where('used_at', 'is', null)
		.where('expires_at', '>', now.toISOString())
		.orderBy('created_at', 'desc')
		.executeTakeFirst();
	const role = user.role as Role;
	return {
		email: user.email,
		firstName: user.first_name,
		lastName: user.last_name,
		street: user.street,
		postcode: user.postcode,
		town: user.town,
		phone: user.phone,
		role,
		mfaEnabled: user.totp_key !== null,
		mfaRequired: requiresMfa(role, false),
		recoveryCodesLeft: Number(left.n),
		pendingEmail: pending?.new_email ?? null
	};
}

// ---------------------------------------------------------------------------------------------
// Administration

export interface AccountRow {
	id: string;
	email: string;
	firstName: string;
	lastName: string;
	role: Role;
	facilityIds: string[];
	status: AccountStatus;
	mfaEnabled: boolean;
	lastLoginAt: string | null;
	createdAt: string;
}

export function accountStatus(
	user: Pick<UserRow, 'active' | 'password_hash' | 'email_confirmed_at'>
): AccountStatus {
	if (user.active !== 1) return 'inactive';
	if (user.password_hash === null) return 'invited';
	if (user.email_confirmed_at === null) return 'unconfirmed';
	return 'active';
}

export async function listAccounts(db: Executor): Promise<AccountRow[]> {
	const users = await db
		.selectFrom('users')
		.selectAll()
		.orderBy('role')
		.orderBy('last_name')
		.orderBy('first_name')
		.execute();
	const links = await db.selectFrom('user_facilities').select(['user_id', 'facility_id']).execute();
	return users.map((u) => ({
		id: u.id,
		email: u.email,
		firstName: u.first_name,
		lastName: u.last_name,
		role: u.role as Role,
		facilityIds: links.filter((l) => l.user_id === u.id).map((l) => l.facility_id),
		status: accountStatus(u),
		mfaEnabled: u.totp_key !== null,
		lastLoginAt: u.last_login_at,
		createdAt: u.created_at
	}));
}

export interface InviteData {
	email: string;
	firstName: string;
	lastName: string;
	role: 'staff' | 'childminding' | 'admin';
	facilityIds: string[];
}

async function sendInvite(app: App, db: Executor, user: UserRow, now: Date): Promise<string> {
	const { token } = await issueToken(db, user.id, 'invite', INVITE_LINK_MS, now);
	await enqueueMail(
		db,
		{
			to: user.email,
			about: { userId: user.id },
			locale: user.locale,
			kind: 'invite',
			params: {
				name: displayName(user),
				role: user.role as Role,
				inviteUrl: links.invite(app.config.origin, token),
				hours: INVITE_LINK_HOURS
			}
		},
		now
	);
	return token;
}

/** Creates an account without password and mails a set-password link valid INVITE_LINK_HOURS. */
export async function inviteAccount(
	app: App,
	actor: Pick<AuthSession, 'userId' | 'role'> | null,
	input: InviteData
): Promise<{ userId: string; token: string }> {
	const now = app.now();
	return app.database.db.transaction().execute(async (tx) => {
		if (await userByEmail(tx, input.email)) throw new AccountError('emailTaken', 'conflict');
		const facilityIds = input.role === 'staff' ? [...new Set(input.facilityIds)] : [];
		if (input.role === 'staff') {
			const found = await tx.selectFrom('facilities').select('id').where('id', 'in', facilityIds).execute();
			if (found.length !== facilityIds.length || facilityIds.length === 0)
				throw new AccountError('facilityRequired');
		}
		const at = now.toISOString();
		const user: UserRow = {
			id: newId<'UserId'>(),
			email: input.email,
			password_hash: null,
			role: input.role,
			first_name: input.firstName,
			last_name: input.lastName,
			street: null,
			postcode: null,
			town: null,
			phone: null,
			locale: 'de',
			email_confirmed_at: null,
			privacy_consent_at: null,
			totp_key: null,
			totp_pending_key: null,
			totp_last_step: null,
			last_login_at: null,
			active: 1,
			created_at: at,
			updated_at: at
		};
		await tx.insertInto('users').values(user).execute();
		if (facilityIds.length > 0)
			await tx
				.insertInto('user_facilities')
				.values(facilityIds.map((facility_id) => ({ user_id: user.id, facility_id })))
				.execute();
		const token = await sendInvite(app, tx, user, now);
		await audit(tx, { action: 'invite.create', actor, targetType: 'user', targetId: user.id }, now);
		return { userId: user.id, token };
	});
}

/** A fresh invitation for an account that has not set its password yet. */
export async function resendInvite(
	app: App,
	actor: Pick<AuthSession, 'userId' | 'role'>,
	userId: string
): Promise<void> {
	const now = app.now();
	await app.database.db.transaction().execute(async (tx) => {
		const user = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
		if (!user || user.password_hash !== null || user.role === 'parent')
			throw new AccountError('notPermitted', 'forbidden');
		await sendInvite(app, tx, user, now);
		await audit(tx, { action: 'invite.create', actor, targetType: 'user', targetId: user.id }, now);
	});
}
