// Issue 14, point 3: the browser may delete the site's IndexedDB (storage pressure). A change that
// was still waiting for the server is then gone — the device must notice and name it, and must not
// call a change lost that the server already has. A logout deletes the database on purpose: no
// notice then. The account page shows whether the browser keeps the portal's data for good.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
	expectNoA11yViolations,
	openForOffline,
	syncIndicator,
	waitForEmptyOutbox,
	waitForSync
} from '../helpers';
import {
	addChild,
	childSection,
	ensureGuardian,
	fillRegistration,
	loginAsDemoParent,
	requestsOfChild,
	submitFromSummary,
	uniqueChild
} from './steps';

const LOST_TITLE = 'Änderungen auf diesem Gerät sind verloren gegangen';

/** A registered child at one Kita, sent and synced; returns the child's name and the Kita's. */
async function registeredChild(page: Page): Promise<{ firstName: string; name: string; kita: string }> {
	const child = uniqueChild();
	await loginAsDemoParent(page);
	await ensureGuardian(page);
	await addChild(page, child);
	await page.goto('/anmeldung');
	const [kita = ''] = await fillRegistration(page, child.firstName, 'Werl', 1);
	await submitFromSummary(page);
	await waitForEmptyOutbox(page);
	return { firstName: child.firstName, name: `${child.firstName} ${child.lastName}`, kita };
}

async function withdraw(page: Page, firstName: string): Promise<void> {
	const section = childSection(page, firstName);
	await section.getByRole('button', { name: 'Zurückziehen' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Zurückziehen' }).click();
	// Saved on the device; the page says it is on its way until the server has it.
	await expect(section.getByText('Wird übertragen …')).toBeVisible();
	await expect(section.getByRole('button', { name: 'Zurückziehen' })).toHaveCount(0);
}

/** The browser deletes the site's IndexedDB (as under storage pressure) while no page is open. */
async function evictIndexedDb(context: BrowserContext, page: Page, origin: string): Promise<Page> {
	await page.close();
	const next = await context.newPage();
	const cdp = await context.newCDPSession(next);
	await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb' });
	await cdp.detach();
	return next;
}

function lostNotice(page: Page) {
	return page.getByRole('alert').filter({ hasText: LOST_TITLE });
}

test('a withdrawal pending when the browser deleted the database is named as lost', async ({
	page,
	context,
	baseURL
}) => {
	const child = await registeredChild(page);
	await openForOffline(page, '/meine-anmeldungen');
	await context.setOffline(true);
	await withdraw(page, child.firstName);
	await expect(syncIndicator(page)).toContainText('noch nicht übertragen');

	const next = await evictIndexedDb(context, page, baseURL ?? '');
	await next.goto('/meine-anmeldungen');
	// Back online: the server says the withdrawal never arrived, and the device says so.
	await context.setOffline(false);
	const notice = lostNotice(next);
	await expect(notice).toBeVisible({ timeout: 30_000 });
	await expect(notice).toContainText(
		`Das Zurückziehen der Anmeldung von ${child.name} bei ${child.kita} wurde nicht übernommen.`
	);
	await expect(notice).toContainText('Bitte prüfen Sie');
	await expectNoA11yViolations(next);
	expect(requestsOfChild(child.firstName).map((r) => r.status)).toEqual(['registered']);
	await expect(
		childSection(next, child.firstName).getByText('Sie haben sich erfolgreich angemeldet.')
	).toBeVisible({
		timeout: 15_000
	});

	// It stays (another page, a reload) until the user dismisses it; then it is gone for good.
	await next.goto('/familie');
	await expect(lostNotice(next)).toBeVisible({ timeout: 15_000 });
	await lostNotice(next).getByRole('button', { name: 'Verstanden' }).click();
	await expect(lostNotice(next)).toHaveCount(0);
	await next.reload();
	await waitForSync(next);
	await expect(lostNotice(next)).toHaveCount(0);

	// The device goes on with the same client id above the lost ids: a new change arrives.
	await next.goto('/meine-anmeldungen');
	await withdraw(next, child.firstName);
	await waitForEmptyOutbox(next);
	await expect.poll(() => requestsOfChild(child.firstName).map((r) => r.status)).toEqual(['withdrawn']);
});

test('a withdrawal the server got before the database was deleted is not called lost', async ({
	page,
	context,
	baseURL
}) => {
	const child = await registeredChild(page);
	await openForOffline(page, '/meine-anmeldungen');
	// The push arrives, but no pull answer comes back: the device still counts it as pending.
	await page.route(/sync\.pull/, (route) => route.abort());
	await withdraw(page, child.firstName);
	await expect.poll(() => requestsOfChild(child.firstName).map((r) => r.status)).toEqual(['withdrawn']);

	const next = await evictIndexedDb(context, page, baseURL ?? '');
	await next.goto('/meine-anmeldungen');
	await waitForEmptyOutbox(next);
	await expect(
		childSection(next, child.firstName).getByText(
			'Zurückgezogen: von Ihnen oder durch Ihre Annahme eines anderen Angebots.'
		)
	).toBeVisible({
		timeout: 15_000
	});
	await expect(lostNotice(next)).toHaveCount(0);
	await next.goto('/achtung');
	await waitForSync(next);
	await expect(next.getByText(LOST_TITLE)).toHaveCount(0);
});

test('a logout deletes the database on purpose: no lost changes after the next login', async ({
	page,
	context
}) => {
	const child = await registeredChild(page);
	await openForOffline(page, '/meine-anmeldungen');
	await context.setOffline(true);
	await withdraw(page, child.firstName);
	// The push keeps failing: the withdrawal is still pending at the logout.
	await page.route(/sync\.push/, (route) => route.abort());
	await context.setOffline(false);
	await page.getByRole('banner').getByRole('button', { name: 'Abmelden' }).click();
	await page.getByRole('button', { name: 'Trotzdem abmelden' }).click();
	await expect(page.getByRole('banner').getByRole('link', { name: 'Eltern-Login' })).toBeVisible();

	await loginAsDemoParent(page);
	await page.goto('/meine-anmeldungen');
	await waitForSync(page);
	await expect(lostNotice(page)).toHaveCount(0);
});

test('the account page shows whether the browser keeps the data for good', async ({ page }) => {
	await loginAsDemoParent(page);
	await page.goto('/konto');
	const section = page.getByRole('region', { name: 'Daten auf diesem Gerät' });
	await expect(section.getByRole('status')).toHaveText(
		/^Dauerhafte Speicherung auf diesem Gerät: (erlaubt|nicht erlaubt)$/
	);
	await expect(section).toContainText(/Änderungen/);
	await expectNoA11yViolations(page);
});
