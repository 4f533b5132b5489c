// Issue 17, point 3: the youth office starts an offer round for a Kita year with a deadline; the
// demo Kita's staff find the proposal in their queue (the children marked, the deadline shown) and
// send it with one action — the offers appear, and the proposal counts as sent for the youth office.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations, openForOffline, waitForEmptyOutbox, waitForSync } from '../helpers';
import { DEMO_ADMIN, loginWithTotp } from '../admin/steps';
import { loginAsDemoStaff, readDb, seedRequests, staffKitas, statusOf, unique, withDb } from './steps';

const YEAR = '2027-28';

/** A waiting child at each of the demo staff's Kitas, with free places for it there. */
function seedWaitingChildren(): Map<string, { requestId: string; name: string }> {
	const seeded = new Map<string, { requestId: string; name: string }>();
	for (const facilityId of staffKitas()) {
		const lastName = unique('Runde');
		const [child] = seedRequests(facilityId, 1, {
			kitaYearId: YEAR,
			startDate: '2027-08-01',
			birthDate: '2024-03-10',
			firstName: () => 'Lotta',
			lastName
		});
		if (!child) throw new Error('no child seeded');
		withDb((db) => {
			const seq = (
				db.prepare('UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number }
			).seq;
			// Hours the Kita offers, and places for the child's age band and hours.
			const hours = (
				JSON.parse(
					(
						db.prepare('SELECT weekly_hours FROM facilities WHERE id = ?').get(facilityId) as {
							weekly_hours: string;
						}
					).weekly_hours
				) as number[]
			)[0];
			db.prepare('UPDATE requests SET weekly_hours = ?, seq = ? WHERE id = ?').run(
				hours,
				seq,
				child.requestId
			);
			db.prepare(
				`INSERT INTO capacities (facility_id, kita_year_id, age_band, weekly_hours, places, contracted, offered, seq)
				 VALUES (?, ?, 'ue3', ?, 5, 0, 0, ?)
				 ON CONFLICT (facility_id, kita_year_id, age_band, weekly_hours)
				 DO UPDATE SET places = contracted + offered + 5, seq = excluded.seq`
			).run(facilityId, YEAR, hours, seq);
		});
		seeded.set(facilityId, { requestId: child.requestId, name: `Lotta ${lastName}` });
	}
	return seeded;
}

test('the youth office starts a round; the Kita sees its proposal and sends it with one action', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const seeded = seedWaitingChildren();

	// The youth office starts the round with the default deadline (three working days).
	await loginWithTotp(page, DEMO_ADMIN);
	await page.goto('/verwaltung/kindergartenjahre');
	const start = page.getByRole('button', { name: 'Runde starten: 2027/28' });
	await expect(start).toBeVisible({ timeout: 15_000 });
	await start.click();
	await expect(
		page.getByText(/^Runde gestartet: \d+ Kitas? ha(t|ben) einen Vorschlag bekommen/)
	).toBeVisible();
	const round = readDb(
		(db) =>
			db
				.prepare("SELECT id, seed, deadline FROM offer_rounds WHERE kita_year_id = ? AND status = 'open'")
				.get(YEAR) as { id: string; seed: number; deadline: string }
	);
	expect(round.seed).toEqual(expect.any(Number));
	await expect(page.getByRole('table', { name: /^Runde vom .*Losschlüssel \d+/ })).toBeVisible();
	await expectNoA11yViolations(page);

	// Staff of the demo Kita, on their own device.
	const staffContext = await browser.newContext();
	const staff = await staffContext.newPage();
	await loginAsDemoStaff(staff);
	await openForOffline(staff, '/kita');
	const heading = (await staff.getByRole('heading', { level: 1 }).textContent()) ?? '';
	const kitaId = staffKitas().find((id) =>
		heading.includes(
			readDb(
				(db) => (db.prepare('SELECT name FROM facilities WHERE id = ?').get(id) as { name: string }).name
			)
		)
	);
	const child = kitaId ? seeded.get(kitaId) : undefined;
	if (!kitaId || !child) throw new Error(`no seeded child at the Kita shown: ${heading}`);
	const proposal = readDb(
		(db) =>
			db
				.prepare('SELECT id, request_ids FROM round_proposals WHERE round_id = ? AND facility_id = ?')
				.get(round.id, kitaId) as { id: string; request_ids: string }
	);
	expect(JSON.parse(proposal.request_ids)).toContain(child.requestId);

	const panel = staff.getByRole('region', { name: 'Angebotsrunde des Jugendamts: 2027/28' });
	await expect(panel).toBeVisible();
	const [y, mo, d] = round.deadline.split('-');
	await expect(panel).toContainText(`bis ${d}.${mo}.${y}`);
	await expect(panel.getByRole('link', { name: child.name })).toBeVisible();
	// The queue marks the proposed child.
	await staff.getByRole('searchbox', { name: 'Name des Kindes' }).fill(child.name.split(' ')[1] ?? '');
	await expect(
		staff.getByRole('row', { name: new RegExp(`${child.name.split(' ')[1]}.*vorgeschlagen`) })
	).toBeVisible();
	await expectNoA11yViolations(staff);

	// One action sends every offer of the proposal — pressed offline, it waits in the outbox.
	const count = (JSON.parse(proposal.request_ids) as string[]).length;
	await staffContext.setOffline(true);
	await panel
		.getByRole('button', { name: `Angebote an alle vorgeschlagenen Kinder senden (${count})` })
		.click();
	await expect(panel.getByRole('status')).toContainText(
		count === 1 ? '1 Angebot ist unterwegs' : `${count} Angebote sind unterwegs`
	);
	await expect(panel).toContainText('Gesendet');
	expect(statusOf(child.requestId)).toBe('registered');
	await staffContext.setOffline(false);
	await waitForEmptyOutbox(staff);
	await expect.poll(() => statusOf(child.requestId)).toBe('offered');
	expect(
		readDb(
			(db) =>
				(db.prepare('SELECT status FROM round_proposals WHERE id = ?').get(proposal.id) as { status: string })
					.status
		)
	).toBe('sent');
	await expect(panel).toContainText('Gesendet');
	await staff.reload();
	await waitForSync(staff);
	await staff.getByRole('searchbox', { name: 'Name des Kindes' }).fill(child.name.split(' ')[1] ?? '');
	await expect(staff.getByRole('row', { name: new RegExp(child.name.split(' ')[1] ?? '') })).toContainText(
		'Vertragsangebot'
	);

	// The youth office sees the Kita's proposal as sent.
	await page.reload();
	const table = page.getByRole('table', { name: /^Runde vom / }).first();
	const kitaName = readDb(
		(db) => (db.prepare('SELECT name FROM facilities WHERE id = ?').get(kitaId) as { name: string }).name
	);
	await expect(table.getByRole('row', { name: new RegExp(kitaName) })).toContainText('Gesendet');
	await staffContext.close();
});
