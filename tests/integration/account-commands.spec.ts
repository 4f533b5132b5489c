// Issue 15, point 1 for accounts: account writes are commands; a refusal that must leave a record
// (the failure's audit entry, the counted attempt) is returned as Refused and committed, anything
// thrown rolls the command back; and the account and privacy services hold queries only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountError } from '../../server/auth/account-error';
import { Refused, runAccountCommand } from '../../server/commands/accounts/refused';
import { ANONYMOUS_ACTOR } from '../../server/commands/context';
import { audit } from '../../server/services/audit';
import { createTestApp, type TestApp } from './harness';

describe('account commands', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp({ demoData: false });
	});
	afterEach(async () => {
		await t.close();
	});

	const failures = () =>
		t.app.database.db
			.selectFrom('audit_events')
			.select('action')
			.where('action', '=', 'login.failure')
			.execute();

	it('a returned Refused commits what the command recorded, then is thrown', async () => {
		const outcome = runAccountCommand(t.app, ANONYMOUS_ACTOR, async (ctx) => {
			expect(ctx.actor.kind).toBe('anonymous');
			await audit(
				ctx.tx,
				{ action: 'login.failure', targetType: 'user', targetId: null, outcome: 'refused' },
				ctx.now
			);
			return new Refused('invalidCredentials', 'unauthorized');
		});
		await expect(outcome).rejects.toMatchObject({ code: 'invalidCredentials', kind: 'unauthorized' });
		expect(await failures()).toHaveLength(1);
	});

	it('a thrown AccountError rolls the command back', async () => {
		const outcome = runAccountCommand(t.app, ANONYMOUS_ACTOR, async (ctx) => {
			await audit(
				ctx.tx,
				{ action: 'login.failure', targetType: 'user', targetId: null, outcome: 'refused' },
				ctx.now
			);
			throw new AccountError('tokenInvalid');
		});
		await expect(outcome).rejects.toBeInstanceOf(AccountError);
		expect(await failures()).toHaveLength(0);
	});

	it('a wrong password leaves its audit entry and its counted attempt (login runs as a command)', async () => {
		const login = t.caller().auth.login({ email: 'niemand@example.org', password: 'ein falsches Passwort' });
		await expect(login).rejects.toMatchObject({ message: 'invalidCredentials' });
		expect(await failures()).toHaveLength(1);
		const limits = await t.app.database.db.selectFrom('rate_limits').select(['key', 'count']).execute();
		expect(limits.filter((l) => l.key.startsWith('login:')).map((l) => l.count)).toEqual([1, 1]);
	});
});

describe('the account and privacy services hold queries only (writes are commands)', () => {
	const root = join(__dirname, '../../server/services');
	const files = [
		...readdirSync(join(root, 'accounts')).map((f) => join(root, 'accounts', f)),
		join(root, 'privacy.ts'),
		join(root, 'session-info.ts')
	];
	it.each(files)('%s writes no table', (file) => {
		expect(readFileSync(file, 'utf8')).not.toMatch(/\b(insertInto|updateTable|deleteFrom|replaceInto)\(/);
	});
});
