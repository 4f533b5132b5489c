// What the database holds (password hashes, TOTP secrets) must not be readable by other users of
// the machine, and the TOTP secrets are encrypted at rest so that a copied database or backup
// alone does not give away the second factor.
import { sqliteOf } from '../../server/db/database';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import { ConfigError, loadConfig, type Config } from '../../server/config';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { backupNow, restoreBackup } from '../../server/jobs/backup';
import { callerWithCookies, loginJar, signUpAndConfirm } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

const PASSWORD = 'ein langes Passwort';

function mode(path: string): number {
	return statSync(path).mode & 0o777;
}

function code(secret: string, at: Date): string {
	return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(at.getTime() / 30_000)), 6);
}

async function totpColumns(t: TestApp, email: string) {
	return t.app.database.db
		.selectFrom('users')
		.select(['totp_key', 'totp_pending_key'])
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
}

describe('TOTP secrets encrypted at rest', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('stores the secret set up for MFA encrypted, and the login with its code still works', async () => {
		await signUpAndConfirm(t, 'anna@example.org', PASSWORD);
		const { jar } = await loginJar(t, 'anna@example.org', PASSWORD);
		const caller = await callerWithCookies(t, jar);
		const setup = await caller.auth.mfaSetupStart();
		const plainHex = Buffer.from(decodeBase32IgnorePadding(setup.secret)).toString('hex');
		const pending = await totpColumns(t, 'anna@example.org');
		expect(pending.totp_pending_key).toMatch(/^v1:/);
		expect(pending.totp_pending_key).not.toContain(plainHex);

		await caller.auth.mfaSetupFinish({ code: code(setup.secret, t.clock.now()) });
		const stored = await totpColumns(t, 'anna@example.org');
		expect(stored.totp_key).toMatch(/^v1:/);
		expect(stored.totp_key).not.toContain(plainHex);
		expect(stored.totp_pending_key).toBeNull();

		t.clock.advance(60_000);
		const next = await loginJar(t, 'anna@example.org', PASSWORD);
		expect(next.result.next).toBe('mfaVerify');
		const user = await (
			await callerWithCookies(t, next.jar)
		).auth.verifyMfa({
			code: code(setup.secret, t.clock.now())
		});
		expect(user.role).toBe('parent');
	});

	it('stores the demo accounts encrypted; their README secrets still log in', async () => {
		for (const account of DEMO_ACCOUNTS.filter((a) => a.totpSecret)) {
			const stored = await totpColumns(t, account.email);
			const plainHex = Buffer.from(decodeBase32IgnorePadding(account.totpSecret ?? '')).toString('hex');
			expect(stored.totp_key, account.email).toMatch(/^v1:/);
			expect(stored.totp_key).not.toContain(plainHex);
			const { jar } = await loginJar(t, account.email, account.password);
			const user = await (
				await callerWithCookies(t, jar)
			).auth.verifyMfa({
				code: code(account.totpSecret ?? '', t.clock.now())
			});
			expect(user.role).toBe(account.role);
		}
	});
});

describe('start-up: the TOTP key and existing plaintext secrets', () => {
	let dir: string;
	let base: Config;
	const apps: App[] = [];
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'kita-secrets-'));
		base = {
			...loadConfig({}),
			databasePath: join(dir, 'db', 'kita.db'),
			migrationsDir: resolve(import.meta.dirname, '../../migrations'),
			totpEncryptionKey: null,
			demoData: true
		};
	});
	afterEach(async () => {
		for (const app of apps.splice(0)) {
			app.stopJobs();
			await app.database.close();
		}
		rmSync(dir, { recursive: true, force: true });
	});

	async function start(config: Config): Promise<App> {
		const app = await createApp(config);
		apps.push(app);
		return app;
	}

	async function stop(app: App): Promise<void> {
		apps.splice(apps.indexOf(app), 1);
		app.stopJobs();
		await app.database.close();
	}

	it('creates the database 0600 in a 0700 folder, its WAL files 0600 too, and tightens an existing file', async () => {
		const app = await start(base);
		const path = base.databasePath;
		expect(mode(path)).toBe(0o600);
		expect(mode(join(dir, 'db'))).toBe(0o700);
		for (const suffix of ['-wal', '-shm'])
			if (existsSync(path + suffix)) expect(mode(path + suffix)).toBe(0o600);
		await stop(app);
		chmodSync(path, 0o644);
		await start(base);
		expect(mode(path)).toBe(0o600);
	});

	it('in demo mode without TOTP_ENCRYPTION_KEY keeps a generated key beside the database (0600)', async () => {
		const app = await start(base);
		const keyFile = `${base.databasePath}.totp-key`;
		expect(mode(keyFile)).toBe(0o600);
		const key = readFileSync(keyFile, 'utf8').trim();
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		await stop(app);
		// The same key on the next start: the stored secrets still open.
		await start(base);
		expect(readFileSync(keyFile, 'utf8').trim()).toBe(key);
	});

	it('outside demo mode refuses to start without TOTP_ENCRYPTION_KEY', async () => {
		await expect(start({ ...base, demoData: false })).rejects.toThrow(ConfigError);
		await expect(start({ ...base, demoData: false })).rejects.toThrow(/TOTP_ENCRYPTION_KEY/);
		expect(existsSync(base.databasePath), 'no empty database left behind').toBe(false);
		expect(() => loadConfig({ TOTP_ENCRYPTION_KEY: 'zz' })).toThrow(ConfigError);
	});

	it('encrypts plaintext secrets of an existing database at start, once, and refuses a wrong key', async () => {
		const key = 'ab'.repeat(32);
		const first = await start({ ...base, totpEncryptionKey: key });
		await stop(first);
		// A database from before: the demo secrets stored as plaintext hex.
		const staff = DEMO_ACCOUNTS.find((a) => a.role === 'staff');
		const plainHex = Buffer.from(decodeBase32IgnorePadding(staff?.totpSecret ?? '')).toString('hex');
		const raw = new Database(base.databasePath);
		raw.prepare('UPDATE users SET totp_key = ? WHERE email = ?').run(plainHex, staff?.email);
		raw.close();

		const second = await start({ ...base, totpEncryptionKey: key });
		const read = () =>
			second.database.db
				.selectFrom('users')
				.select('totp_key')
				.where('email', '=', staff?.email ?? '')
				.executeTakeFirstOrThrow();
		const sealed = (await read()).totp_key;
		expect(sealed).toMatch(/^v1:/);
		await stop(second);
		const third = await start({ ...base, totpEncryptionKey: key });
		const again = await third.database.db
			.selectFrom('users')
			.select('totp_key')
			.where('email', '=', staff?.email ?? '')
			.executeTakeFirstOrThrow();
		expect(again.totp_key).toBe(sealed);
		await stop(third);

		await expect(start({ ...base, totpEncryptionKey: 'cd'.repeat(32) })).rejects.toThrow(ConfigError);
	});

	it('writes backups 0600 into a 0700 folder, and restores 0600', async () => {
		const app = await start({ ...base, totpEncryptionKey: 'ab'.repeat(32) });
		const backups = join(dir, 'backups');
		const file = await backupNow(sqliteOf(app.database), backups, new Date(), 3);
		expect(mode(backups)).toBe(0o700);
		expect(mode(file)).toBe(0o600);
		await stop(app);
		chmodSync(file, 0o644);
		const target = join(dir, 'restored', 'kita.db');
		restoreBackup(file, target, new Date());
		expect(mode(target)).toBe(0o600);
		expect(mode(join(dir, 'restored'))).toBe(0o700);
	});
});
