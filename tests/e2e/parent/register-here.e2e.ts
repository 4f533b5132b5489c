// Issue 13, point 6: "Kind hier anmelden" on a Kita page and on the Merkliste leads through login
// (or sign-up, mail confirmation and login, and the family's data if missing) into the
// registration with that Kita chosen.
import { expect, test, type Page } from '@playwright/test';
import { pullPublicData, waitForSync, type PublicFacility } from '../helpers';
import { followMailLink, uniqueEmail } from '../auth/steps';
import { DEMO_PARENT, ensureGuardian, fillGuardian, loginAsDemoParent } from './steps';

test.use({ serviceWorkers: 'block' });

let kitas: PublicFacility[] = [];

test.beforeAll(async ({ request }) => {
	kitas = (await pullPublicData(request)).facilities.filter((f) => f.active);
	expect(kitas.length).toBeGreaterThan(3);
});

/** The registration form shows this Kita as a chosen wish. */
async function expectChosen(page: Page, name: string): Promise<void> {
	await expect(page).toHaveURL(/\/anmeldung$/);
	await expect(
		page.getByRole('heading', { level: 3, name: new RegExp(`^Wunsch \\d+: ${escape(name)}$`) })
	).toBeVisible();
	await expect(
		page.getByRole('status').filter({ hasText: `${name} ist als Wunscheinrichtung ausgewählt.` })
	).toBeVisible();
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a logged-out visitor goes from a Kita page through the login into the registration with that Kita', async ({
	page,
	browser,
	baseURL
}) => {
	// The shared demo parent has its family data (else the registration asks for it first).
	const setup = await browser.newContext({ baseURL, serviceWorkers: 'block', locale: 'de-DE' });
	const setupPage = await setup.newPage();
	await loginAsDemoParent(setupPage);
	await ensureGuardian(setupPage);
	await setup.close();

	const kita = kitas[5] as PublicFacility;
	await page.goto(`/kitas/${kita.id}`);
	await page.getByRole('link', { name: 'Kind hier anmelden' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Eltern-Login' })).toBeVisible();
	await page.getByLabel('E-Mail-Adresse').fill(DEMO_PARENT.email);
	await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PARENT.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await expectChosen(page, kita.name);
	// Chosen once: a reload does not add it again, and it stays in the draft.
	await page.reload();
	await expect(page.getByRole('heading', { level: 3, name: new RegExp(escape(kita.name)) })).toHaveCount(1);
});

test('"Kind hier anmelden" on the Merkliste opens the registration with that Kita chosen', async ({
	page
}) => {
	await loginAsDemoParent(page);
	await ensureGuardian(page);
	const kita = kitas[7] as PublicFacility;
	await page.goto(`/kitas/${kita.id}`);
	await waitForSync(page);
	await page.getByRole('button', { name: /merken$/ }).click();
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Merkliste' })
		.click();
	await page.getByRole('link', { name: `Kind hier anmelden: ${kita.name}` }).click();
	await expectChosen(page, kita.name);
});

test('a new parent signs up from a Kita page, confirms, logs in, enters the family data and registers that Kita', async ({
	page
}) => {
	test.setTimeout(120_000);
	const kita = kitas[9] as PublicFacility;
	const email = uniqueEmail('kita-hier');
	const password = 'Kind hier anmelden 2026';
	await page.goto(`/kitas/${kita.id}`);
	await page.getByRole('link', { name: 'Kind hier anmelden' }).click();
	// The way on travels in the link, not in a click handler: a tap before the login page's code has
	// loaded (it is rendered on the server) keeps it too.
	await page.getByRole('link', { name: 'Benutzerkonto erstellen' }).click();
	await expect(page).toHaveURL(`/registrieren?next=${encodeURIComponent(`/anmeldung?kita=${kita.id}`)}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Benutzerkonto erstellen' })).toBeVisible();
	const field = (name: string) => page.getByRole('textbox', { name, exact: true });
	await field('Vorname').fill('Nora');
	await field('Nachname').fill('Neumann');
	await field('Straße und Hausnummer').fill('Am Markt 3');
	await field('Postleitzahl').fill('59609');
	await field('Ort').fill('Anröchte');
	await field('E-Mail-Adresse').fill(email);
	await field('Passwort').fill(password);
	await page.getByRole('checkbox', { name: /Datenschutzerklärung/ }).check();
	const captcha = page.locator('altcha-widget').getByRole('checkbox');
	// The widget draws its own box over the checkbox: it is ticked as a keyboard user would.
	await captcha.focus();
	await page.keyboard.press('Space');
	await expect(captcha).toBeChecked({ timeout: 30_000 });
	await page.getByRole('button', { name: 'Registrieren' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Fast geschafft/ })).toBeVisible();

	await followMailLink(page, email, '/konto/bestaetigen#token=');
	await page.getByRole('main').getByRole('link', { name: 'Zum Eltern-Login' }).click();
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();

	// The new family has no data yet: the parent enters it first, the Kita stays chosen.
	await expect(page.getByRole('heading', { level: 2, name: 'Zuerst Ihre Angaben' })).toBeVisible();
	const form = page.getByRole('form', { name: 'Erziehungsberechtigte Person 1' });
	await fillGuardian(form);
	await form.getByRole('button', { name: 'Angaben speichern' }).click();
	await expectChosen(page, kita.name);
	await expect(page.getByRole('heading', { level: 2, name: 'Zuerst Ihre Angaben' })).toHaveCount(0);
});
