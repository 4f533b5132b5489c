// Issue 13, defect 1: the family's stored guardians were never read back on the device (the page
// sorted by an index the local database did not have), so a second device showed empty forms.
// And a second device whose first sync has not yet brought the family offers no form to fill in:
// a guardian typed there would be a second one at the same position, which the server refuses; nor
// does its overview name "enter your family" as the next step.
import { expect, test, type Browser, type BrowserContext, type Page, type Route } from '@playwright/test';
import { waitForEmptyOutbox, waitForSync } from '../helpers';
import { createParentAccount, loginAs, unique } from '../staff/steps';

/** A parent of their own whose guardian 1 was saved on a first device; returns the first name. */
async function parentWithGuardian(page: Page, email: string): Promise<string> {
	const firstName = `Gina${Date.now().toString(36)}`;
	createParentAccount(email);
	await loginAs(page, email);
	await page.goto('/familie');
	const form = page.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await form.getByLabel('Vorname').fill(firstName);
	await form.getByLabel('Nachname').fill('Zweitgerät');
	await form.getByLabel('Straße und Hausnummer').fill('Steinerstraße 3');
	await form.getByLabel('Postleitzahl').fill('59457');
	await form.getByLabel('Ort').fill('Werl');
	await form.getByLabel('Telefon').fill('02922 123');
	await form.getByRole('button', { name: 'Angaben speichern' }).click();
	await expect(form.getByRole('status')).toContainText('Gespeichert.');
	await waitForEmptyOutbox(page);
	return firstName;
}

/** A second device of the same parent: its console errors (but the worker's) go into `errors`. */
async function secondDevice(browser: Browser, baseURL: string | undefined, errors: string[]) {
	const second = await browser.newContext({ baseURL, serviceWorkers: 'block', locale: 'de-DE' });
	const device = await second.newPage();
	device.on('console', (message) => {
		if (message.type() === 'error' && !message.text().includes('Service Worker')) errors.push(message.text());
	});
	return { second, device };
}

/** Holds the device's calls of one procedure (a slow line) until the returned function is called. */
async function holdBack(context: BrowserContext, procedure: string): Promise<() => void> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await context.route(
		(url) => url.pathname.startsWith('/api/trpc/') && url.pathname.includes(procedure),
		async (route: Route) => {
			await released;
			await route.continue().catch(() => {});
		}
	);
	return release;
}

test('the guardian saved on one device opens filled in on a second device', async ({
	page,
	browser,
	baseURL
}) => {
	const errors: string[] = [];
	// A parent of its own: the other tests of the shard save the demo family's guardian 1 too, and
	// a save from a device that has not yet seen another's is refused (the server's version stands).
	const email = `${unique('zweitgeraet').toLowerCase()}@example.org`;
	const firstName = await parentWithGuardian(page, email);

	const { second, device } = await secondDevice(browser, baseURL, errors);
	await loginAs(device, email);
	await device.goto('/familie');
	await waitForSync(device);
	const stored = device.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await expect(stored.getByLabel('Vorname')).toHaveValue(firstName);
	await expect(stored.getByLabel('Ort')).toHaveValue('Werl');
	expect(errors).toEqual([]);
	await second.close();
});

test('a second device offers the family forms only once its first sync brought the family', async ({
	page,
	browser,
	baseURL
}) => {
	const errors: string[] = [];
	const email = `${unique('ersterabgleich').toLowerCase()}@example.org`;
	const firstName = await parentWithGuardian(page, email);

	const { second, device } = await secondDevice(browser, baseURL, errors);
	// The first sync is held back (a slow line) until the forms' absence was seen.
	const release = await holdBack(second, 'sync.pull');
	await loginAs(device, email);
	await device.goto('/familie');
	await expect(device.getByRole('status').filter({ hasText: 'noch auf dieses Gerät geladen' })).toBeVisible();
	await expect(device.getByRole('form', { name: 'Erziehungsberechtigte Person 1' })).toHaveCount(0);
	await expect(device.getByRole('form', { name: 'Kind hinzufügen' })).toHaveCount(0);
	// The overview names no next step from the family it does not have yet ("Familie anlegen").
	await device.getByRole('link', { name: 'Übersicht' }).click();
	await expect(device).toHaveURL(/\/uebersicht$/);
	await expect(
		device
			.getByRole('status')
			.filter({ hasText: 'Sobald sie da sind, sehen Sie hier Ihren nächsten Schritt' })
	).toBeVisible();
	await expect(device.getByRole('heading', { name: 'Nächster Schritt' })).toHaveCount(0);
	await expect(device.getByRole('link', { name: 'Familie anlegen' })).toHaveCount(0);

	release();
	await waitForSync(device);
	// With the family here: its guardian 1 is known, so the next step is the child.
	await expect(device.getByRole('heading', { name: 'Nächster Schritt' })).toBeVisible();
	await expect(device.getByRole('link', { name: 'Kind eintragen' })).toBeVisible();
	await device.getByRole('link', { name: 'Kind eintragen' }).click();
	const stored = device.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await expect(stored.getByLabel('Vorname')).toHaveValue(firstName);
	await expect(device.getByText('noch auf dieses Gerät geladen')).toHaveCount(0);
	expect(errors).toEqual([]);
	await second.close();
});

// CI found this as a flake: the session check at a page's start (auth.me) confirmed the same user as
// a new object, the sync engine started over, and /familie took its forms off the screen for the
// moment the engine looked at the device's copy: a child's first name typed in that moment was gone.
test('the session check confirming the same user leaves the family forms and what is typed in them', async ({
	page,
	browser,
	baseURL
}) => {
	const errors: string[] = [];
	const email = `${unique('sitzung').toLowerCase()}@example.org`;
	await parentWithGuardian(page, email);

	const { second, device } = await secondDevice(browser, baseURL, errors);
	await loginAs(device, email);
	await waitForSync(device);
	// The next start's session check answers only once the person is typing.
	const release = await holdBack(second, 'auth.me');
	await device.goto('/familie');
	const form = device.getByRole('form', { name: 'Kind hinzufügen' });
	const firstName = form.getByLabel('Vorname des Kindes');
	await firstName.fill('Ida');
	const answered = device.waitForResponse((response) => response.url().includes('auth.me'));
	release();
	await answered;
	await waitForSync(device);
	// Still the field the person is typing in: the keyboard goes on where it was.
	await expect(firstName).toBeFocused();
	await device.keyboard.type('-Marie');
	await expect(firstName).toHaveValue('Ida-Marie');
	expect(errors).toEqual([]);
	await second.close();
});
