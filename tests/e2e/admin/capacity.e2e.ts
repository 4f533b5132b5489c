// The youth office changes a Kita's places — offline, so the change waits in the outbox — and once
// it is sent, a parent's finder on another device shows the new figure, also offline.
import { expect, test } from '@playwright/test';
import { openForOffline, syncIndicator, waitForEmptyOutbox, waitForSync } from '../helpers';
import { withDb } from '../staff/steps';
import { DEMO_ADMIN, loginWithTotp } from './steps';

interface Cell {
	facilityId: string;
	name: string;
	places: number;
	bandPlaces: number;
	bandFree: number;
}

/** A demo Kita with Ü3 places of 35 hours in 2027/28, with the figures the finder shows for Ü3. */
function pickKita(): Cell {
	return withDb((db) => {
		const row = db
			.prepare(
				`SELECT f.id, f.name, c.places FROM facilities f JOIN capacities c ON c.facility_id = f.id
				 WHERE f.active = 1 AND c.kita_year_id = '2027-28' AND c.age_band = 'ue3' AND c.weekly_hours = 35 AND c.places > 3
				 ORDER BY f.name LIMIT 1 OFFSET 5`
			)
			.get() as { id: string; name: string; places: number };
		const band = db
			.prepare(
				"SELECT SUM(places) AS places, SUM(MAX(places - contracted - offered, 0)) AS free FROM capacities WHERE facility_id = ? AND kita_year_id = '2027-28' AND age_band = 'ue3'"
			)
			.get(row.id) as { places: number; free: number };
		return {
			facilityId: row.id,
			name: row.name,
			places: row.places,
			bandPlaces: band.places,
			bandFree: band.free
		};
	});
}

test('an admin changes places offline; after sync every finder shows them, offline too', async ({
	browser
}) => {
	const kita = pickKita();
	const finderContext = await browser.newContext();
	const finder = await finderContext.newPage();
	await openForOffline(finder, `/kitas/${kita.facilityId}`);
	const ue3 = finder
		.getByRole('row', { name: /2027\/28/ })
		.getByRole('cell')
		.nth(1);
	await expect(ue3).toHaveText(`${kita.bandFree} von ${kita.bandPlaces} frei`);

	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await loginWithTotp(admin, DEMO_ADMIN);
	await admin.goto(`/verwaltung/kitas/${kita.facilityId}`);
	await waitForSync(admin);
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(kita.name);

	// Offline: the change is kept and shown at once.
	await adminContext.setOffline(true);
	await admin.getByLabel('Kindergartenjahr').selectOption({ label: '2027/28' });
	const input = admin.getByRole('spinbutton', { name: 'Plätze Ü3 (ab 3 Jahren), 35 Stunden' });
	await expect(input).toHaveValue(String(kita.places));
	await input.fill(String(kita.places + 4));
	await admin.getByRole('button', { name: 'Plätze speichern' }).click();
	await expect(
		admin.getByText('Gespeichert. Die Änderung wird übertragen, sobald eine Verbindung besteht.')
	).toBeVisible();
	expect(
		withDb((db) =>
			db
				.prepare(
					"SELECT places FROM capacities WHERE facility_id = ? AND kita_year_id = '2027-28' AND age_band = 'ue3' AND weekly_hours = 35"
				)
				.get(kita.facilityId)
		)
	).toEqual({ places: kita.places });

	await adminContext.setOffline(false);
	await waitForEmptyOutbox(admin);
	expect(
		withDb((db) =>
			db
				.prepare(
					"SELECT places FROM capacities WHERE facility_id = ? AND kita_year_id = '2027-28' AND age_band = 'ue3' AND weekly_hours = 35"
				)
				.get(kita.facilityId)
		)
	).toEqual({ places: kita.places + 4 });

	// The parent's finder is poked (or pulls on its interval) and shows the new places…
	await expect(ue3).toHaveText(`${kita.bandFree + 4} von ${kita.bandPlaces + 4} frei`, { timeout: 20_000 });
	// …and keeps them offline.
	await finderContext.setOffline(true);
	await finder.reload();
	await expect(syncIndicator(finder)).toContainText('Offline');
	await expect(
		finder
			.getByRole('row', { name: /2027\/28/ })
			.getByRole('cell')
			.nth(1)
	).toHaveText(`${kita.bandFree + 4} von ${kita.bandPlaces + 4} frei`);
	await finderContext.close();
	await adminContext.close();
});
