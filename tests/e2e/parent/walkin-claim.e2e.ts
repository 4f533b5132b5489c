// Issue 13, defect 1: after a family takes over a registration made in person at a Kita, "Familie"
// shows guardian 1 as the front desk entered it (name, address, phone), on the parent's device.
import { expect, test } from '@playwright/test';
import { claimCodeHash } from '../../../src/lib/domain/staff';
import { waitForSync } from '../helpers';
import { createParentAccount, loginAs, seedRequests, staffKitas, unique } from '../staff/steps';

test('"Familie" shows the guardian the front desk entered, after the claim', async ({ page }) => {
	const lastName = unique('Uebernahme');
	const code = '7K3M-Q9TD-2XHB';
	const birthDate = '2023-04-14';
	// A walk-in as the server stores it: guardian Erika, Hauptstraße 1, 59609 Anröchte, 02947 1234.
	seedRequests(staffKitas()[0] ?? '', 1, {
		source: 'walkin',
		firstName: () => 'Ida',
		lastName,
		birthDate,
		claimCodeHash: await claimCodeHash(code)
	});
	const email = `${lastName.toLowerCase()}@example.org`;
	createParentAccount(email);

	await loginAs(page, email);
	await page.goto('/familie/uebernehmen');
	await page.getByLabel('Übernahmecode').fill(code);
	await page.getByLabel('Geburtsdatum').fill(birthDate);
	await page.getByRole('button', { name: 'Anmeldung übernehmen' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'in Ihrem Benutzerkonto' })).toBeVisible();

	await page.getByRole('link', { name: 'Familie' }).click();
	await waitForSync(page);
	const guardian = page.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await expect(guardian.getByLabel('Vorname')).toHaveValue('Erika');
	await expect(guardian.getByLabel('Nachname')).toHaveValue(lastName);
	await expect(guardian.getByLabel('Straße und Hausnummer')).toHaveValue('Hauptstraße 1');
	await expect(guardian.getByLabel('Postleitzahl')).toHaveValue('59609');
	await expect(guardian.getByLabel('Ort')).toHaveValue('Anröchte');
	await expect(guardian.getByLabel('Telefon')).toHaveValue('02947 1234');
	await expect(page.getByText(`Ida ${lastName}`)).toBeVisible();
});
