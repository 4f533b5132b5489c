// Security issue 12, point 1: the data export (Art. 15) and the erasure select by ownership — the
// foreign keys from the account — never by an e-mail address a parent typed. Reproduced before the
// fix: a parent typed a victim's address as second guardian, asked for the victim's password reset
// and found the reset link in the own export.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { enqueueMail } from '../../server/services/mail/outbox';
import { mails, tokenFromMail } from './auth-helpers';
import { expectOk, officeWorld, type OfficeWorld } from './office-world';

const VICTIM = 'verwaltung-opfer@example.org';
const OFFER = { startDate: '2027-08-01', weeklyHours: 35 as const, note: 'Gruppe Füchse' };

async function typeSecondGuardian(w: OfficeWorld, email: string): Promise<void> {
	await expectOk(
		w.push(w.parent, 'saveGuardian', {
			id: crypto.randomUUID(),
			position: 2,
			firstName: 'Zweite',
			lastName: 'Person',
			street: 'Steinerstraße 3',
			postcode: '59457',
			town: 'Werl',
			phone: '',
			email
		})
	);
}

describe('security: the export holds the account’s own data only', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-12-02T09:00:00Z');
		await w.family(w.parent);
	});
	afterEach(async () => {
		await w.close();
	});

	it('holds no reset mail of another account whose address the parent typed as second guardian', async () => {
		const db = w.t.app.database.db;
		await db
			.updateTable('users')
			.set({ email: VICTIM, password_hash: await hashPassword('Opfer-Passwort-1') })
			.where('id', '=', w.admin.session.userId)
			.execute();
		await typeSecondGuardian(w, VICTIM);
		await w.t.caller({ ip: '10.1.2.3' }).auth.requestPasswordReset({ email: VICTIM });
		const token = await tokenFromMail(w.t, VICTIM, '/passwort-neu');

		const data = await w.t.caller({ session: w.parent.session }).privacy.export();
		const text = JSON.stringify(data);
		expect(text).not.toContain(token);
		expect(data.tables.mail_outbox?.some((m) => m.to_address === VICTIM)).toBe(false);
		// The address stays what the parent typed: contact data of the family.
		expect(data.tables.guardians?.some((g) => g.email === VICTIM)).toBe(true);
	});

	it('holds no invitation to an address the parent typed', async () => {
		const address = 'neue-leitung@example.org';
		await typeSecondGuardian(w, address);
		await w.t.caller({ session: w.admin.session }).adminAccounts.invite({
			email: address,
			firstName: 'Neue',
			lastName: 'Leitung',
			role: 'admin',
			facilityIds: []
		});
		const token = await tokenFromMail(w.t, address, '/einladung');
		const text = JSON.stringify(await w.t.caller({ session: w.parent.session }).privacy.export());
		expect(text).not.toContain(token);
		expect(text).not.toContain('/einladung');
	});

	it('shows the account’s own mails with every link that carries a token removed', async () => {
		await w.t.caller().auth.requestPasswordReset({ email: 'eltern@example.org' });
		const token = await tokenFromMail(w.t, 'eltern@example.org', '/passwort-neu');
		const childId = (await w.t.app.database.db.selectFrom('children').select('id').executeTakeFirstOrThrow())
			.id;
		await w.register(w.parent, childId, [w.kitaX], '2027-08-01');

		const data = await w.t.caller({ session: w.parent.session }).privacy.export();
		const rows = data.tables.mail_outbox ?? [];
		const reset = rows.find((m) => m.kind === 'reset');
		expect(reset?.text_body).toContain('[Link entfernt]');
		expect(JSON.stringify(data)).not.toContain(token);
		// A link without a token (the receipt) stays.
		const registration = rows.find((m) => m.kind === 'registration');
		expect(registration?.text_body).toContain('/meine-anmeldungen/beleg/');
		expect(rows.every((m) => m.to_address === 'eltern@example.org')).toBe(true);
	});

	it('names staff only by their role and holds no other family’s child ids', async () => {
		const db = w.t.app.database.db;
		const childId = (await db.selectFrom('children').select('id').executeTakeFirstOrThrow()).id;
		const [atX] = await w.register(w.parent, childId, [w.kitaX], '2027-08-01');
		await expectOk(
			w.push(w.staff, 'makeOffer', { requestId: atX as string, expectedStatus: 'registered', ...OFFER })
		);
		// A walk-in of the same name and birth date at the same Kita: a duplicate suggestion.
		const walkinChild = crypto.randomUUID();
		await expectOk(
			w.push(w.staff, 'createWalkin', {
				familyId: crypto.randomUUID(),
				registrationId: crypto.randomUUID(),
				requestId: crypto.randomUUID(),
				facilityId: w.kitaX,
				claimCodeHash: 'a'.repeat(64),
				guardians: [
					{
						id: crypto.randomUUID(),
						position: 1,
						firstName: 'Andere',
						lastName: 'Familie',
						street: 'Weg 1',
						postcode: '59457',
						town: 'Werl',
						phone: '02922 999',
						email: ''
					}
				],
				child: { id: walkinChild, firstName: 'Mia', lastName: 'Muster', birthDate: '2024-03-10' },
				startDate: '2027-08-01',
				weeklyHours: 35,
				changeRequest: false,
				comment: '',
				privacySigned: true
			})
		);
		const text = JSON.stringify(await w.t.caller({ session: w.parent.session }).privacy.export());
		expect(text).not.toContain(w.staff.session.userId);
		expect(text).not.toContain(walkinChild);
		expect(text).not.toContain('Andere');
	});
});

describe('security: erasure deletes only what belongs to the account', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-12-02T09:00:00Z');
		await w.family(w.parent);
		await w.t.app.database.db
			.updateTable('users')
			.set({ password_hash: await hashPassword('Richtig-Geheim-1') })
			.where('id', '=', w.parent.session.userId)
			.execute();
	});
	afterEach(async () => {
		await w.close();
	});

	it('leaves another person’s pending mails alone when the parent typed that address', async () => {
		const db = w.t.app.database.db;
		await db.updateTable('users').set({ email: VICTIM }).where('id', '=', w.admin.session.userId).execute();
		await typeSecondGuardian(w, VICTIM);
		await w.t.caller().auth.requestPasswordReset({ email: VICTIM });
		expect(await mails(w.t, VICTIM)).toHaveLength(1);

		expect(
			await w.t.caller({ session: w.parent.session }).privacy.deleteAccount({ password: 'Richtig-Geheim-1' })
		).toEqual({ ok: true, blockers: [] });
		expect(await mails(w.t, VICTIM)).toHaveLength(1);
		expect(await mails(w.t, 'eltern@example.org')).toEqual([]);
	});
});

describe('security: a mail with a token goes only to the account it is for', () => {
	let w: OfficeWorld;
	beforeEach(async () => {
		w = await officeWorld('2026-12-02T09:00:00Z');
	});
	afterEach(async () => {
		await w.close();
	});

	it('refuses to queue a reset mail for an address that is not the account’s own', async () => {
		const db = w.t.app.database.db;
		const params = { name: 'X', resetUrl: 'http://localhost:3000/passwort-neu#token=abc', minutes: 60 };
		await expect(
			enqueueMail(
				db,
				{
					to: 'fremd@example.org',
					locale: 'de',
					kind: 'reset',
					params,
					about: { userId: w.parent.session.userId }
				},
				w.t.clock.now()
			)
		).rejects.toThrow(/account’s own address/);
		await expect(
			enqueueMail(
				db,
				{ to: 'eltern@example.org', locale: 'de', kind: 'reset', params, about: { familyId: 'f' } },
				w.t.clock.now()
			)
		).rejects.toThrow(/account’s own address/);
		expect(await mails(w.t)).toEqual([]);
	});
});
