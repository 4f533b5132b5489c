// Issue 7: axe finds no WCAG 2.1 A/AA violation on any page, in German, English and Arabic, with
// the pages filled with data, in their error states (forms submitted empty), with dialogs open and
// offline. German is checked on a desktop screen, English at 200 % zoom (640 × 480 CSS px at device
// scale 2) and Arabic right-to-left on a 320 px phone — each page also must not scroll sideways there.
import { expect, test, type Page } from '@playwright/test';
import { pullPublicData } from '../helpers';
import { t, TEST_LOCALES, type TestLocale } from './catalogue';
import { axe, axeFindings, expectDocumentLocale, expectNoHorizontalScroll, open } from './checks';
import { discoverRoutes, NOT_CHECKED, ROUTE_CASES, type Audience, type RouteParams } from './routes';
import { endSessionIn, seedRouteParams, signIn, useLocale, waitForContent } from './steps';

test.use({ serviceWorkers: 'block' });

const SCREENS: Record<
	TestLocale,
	{ viewport: { width: number; height: number }; deviceScaleFactor: number }
> = {
	de: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
	en: { viewport: { width: 640, height: 480 }, deviceScaleFactor: 2 },
	ar: { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 }
};
const AUDIENCES: Audience[] = ['public', 'parent', 'staff', 'admin', 'childminding'];

let params: RouteParams;

test.beforeAll(async ({ request }) => {
	const data = await pullPublicData(request);
	const facility = data.facilities.find((f) => f.active);
	if (!facility) throw new Error('no demo Kita');
	params = seedRouteParams(facility.id, 'Amira');
});

test('every page of the portal is checked', () => {
	const covered = new Set([...ROUTE_CASES.map((r) => r.pattern), ...Object.keys(NOT_CHECKED)]);
	expect(discoverRoutes().filter((route) => !covered.has(route))).toEqual([]);
});

test('the check itself finds violations', async ({ page }) => {
	await page.goto('/impressum');
	await waitForContent(page, 'de');
	await page.evaluate(() => {
		const image = document.createElement('img');
		image.src = '/icons/icon.svg';
		const input = document.createElement('input');
		document.querySelector('main')?.append(image, input);
	});
	const found = (await axeFindings(page, { contentOnly: true })).map((f) => f.id);
	expect(found).toEqual(expect.arrayContaining(['image-alt', 'label']));
});

/** Submits the forms of the page empty (every visible submit button) and checks the error state. */
async function checkErrorStates(page: Page, what: string): Promise<void> {
	const main = page.getByRole('main');
	const submits = main.locator('button[type="submit"]:visible:enabled');
	const count = await submits.count();
	for (let i = 0; i < count; i++) await submits.nth(i).click();
	await expect(main.locator('[aria-invalid="true"], [role="alert"]').first()).toBeVisible();
	await axe(page, `${what} with errors`, { contentOnly: true });
}

async function checkPages(page: Page, locale: TestLocale, audience: Audience): Promise<void> {
	// A text whose namespace the page did not load shows its key (src/lib/i18n/messages.ts).
	const notLoaded: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' && /^message \w+ is not loaded/.test(message.text()))
			notLoaded.push(`${page.url()}: ${message.text()}`);
	});
	let first = true;
	for (const route of ROUTE_CASES.filter((r) => r.audience === audience)) {
		await test.step(route.pattern, async () => {
			const what = `${route.pattern} (${locale})`;
			await open(page, route.path(params));
			await waitForContent(page, locale);
			await expectDocumentLocale(page, locale);
			await axe(page, what, { contentOnly: !first });
			first = false;
			if (locale !== 'de') await expectNoHorizontalScroll(page, what);
			if (route.submitEmpty) await checkErrorStates(page, what);
			expect(notLoaded, 'texts missing on the page').toEqual([]);
		});
	}
}

for (const locale of TEST_LOCALES) {
	test.describe(`in ${locale}`, () => {
		test.use(SCREENS[locale]);

		for (const audience of AUDIENCES) {
			test(`${audience} pages`, async ({ page, context, baseURL }) => {
				test.setTimeout(240_000);
				await useLocale(context, locale);
				if (audience !== 'public') await signIn(context, audience, baseURL ?? '');
				await checkPages(page, locale, audience);
			});
		}

		test('dialogs, the language list and the offline state', async ({ page, context, baseURL }) => {
			test.setTimeout(120_000);
			await useLocale(context, locale);
			await signIn(context, 'parent', baseURL ?? '');

			await page.goto('/meine-anmeldungen');
			await waitForContent(page, locale);
			const accept = page.getByRole('button', { name: t(locale, 'offer_accept') }).first();
			await accept.click();
			await expect(page.getByRole('dialog')).toBeVisible();
			await axe(page, `offer dialog (${locale})`);
			await page.keyboard.press('Escape');
			await expect(page.getByRole('dialog')).toBeHidden();

			await page.getByRole('button', { name: new RegExp(t(locale, 'language_label')) }).click();
			await expect(page.getByRole('list', { name: t(locale, 'language_label') })).toBeVisible();
			await axe(page, `language list (${locale})`);
			await page.keyboard.press('Escape');

			await context.setOffline(true);
			await expect(page.getByRole('banner').getByRole('status')).toContainText(t(locale, 'sync_offline'));
			await axe(page, `offline (${locale})`);
			await context.setOffline(false);
		});

		test('staff offer dialog and session warning', async ({ page, context, baseURL }) => {
			test.setTimeout(120_000);
			await useLocale(context, locale);
			await signIn(context, 'staff', baseURL ?? '');
			await page.goto(`/kita/anfrage/${params.staffRequestId}`);
			await waitForContent(page, locale);
			await page.getByRole('button', { name: t(locale, 'staff_action_offer') }).click();
			await axe(page, `offer form (${locale})`);
			await page.getByRole('button', { name: t(locale, 'staff_offer_send') }).click();
			await expect(page.getByRole('dialog')).toBeVisible();
			await axe(page, `staff offer dialog (${locale})`);
			await page.keyboard.press('Escape');

			// Office logins end 12 hours after login: five minutes before, a dialog says so.
			endSessionIn('staff', 4 * 60_000);
			await page.reload();
			const warning = page.getByRole('dialog', { name: t(locale, 'session_warning_title') });
			await expect(warning).toBeVisible();
			await axe(page, `session warning (${locale})`);
			await warning.getByRole('button', { name: t(locale, 'session_warning_close') }).click();
			await expect(warning).toBeHidden();
		});
	});
}
