// Issue 7: the language switcher sets <html lang dir>, is remembered on the device and in the
// account, and dates follow the language; a device where nobody chose takes the account's language;
// parents whose login is about to end can stay logged in with one click.
import { expect, test } from '@playwright/test';
import { intlLocale } from '../../../src/lib/domain/locale';
import { t } from './catalogue';
import { demoAccount, signIn, withDb } from './steps';

test.use({ serviceWorkers: 'block' });

function accountLocale(): string {
	return withDb(
		(db) =>
			(
				db.prepare('SELECT locale FROM users WHERE email = ?').get(demoAccount('parent').email) as {
					locale: string;
				}
			).locale
	);
}

function setAccountLocale(locale: string): void {
	withDb((db) =>
		db.prepare('UPDATE users SET locale = ? WHERE email = ?').run(locale, demoAccount('parent').email)
	);
}

// Other suites log the demo parent in too: leave the account in German whatever happens here.
test.afterEach(() => setAccountLocale('de'));

test('switching to Arabic turns the page right-to-left and is remembered here and in the account', async ({
	page,
	context,
	baseURL
}) => {
	await signIn(context, 'parent', baseURL ?? '');
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	// The start page is rendered on the server and gets its code after the first paint: the switcher
	// opens only then (CI once clicked it before, and the list never opened).
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);

	await page.getByRole('button', { name: `${t('de', 'language_label')}: Deutsch` }).click();
	await page.getByRole('button', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('ar', 'home_title'));
	await expect.poll(accountLocale).toBe('ar');

	// Dates in the Arabic form (Western digits, as in the texts); Kita data stays as entered.
	const firstDay = new Intl.DateTimeFormat(intlLocale('ar'), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(Date.UTC(2026, 7, 1))
	);
	await expect(page.getByRole('main')).toContainText(firstDay);
	await page.goto('/kitas');
	await expect(page.getByRole('main').getByRole('article').first()).toContainText(t('ar', 'demo_badge'));

	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await page.waitForFunction(() => performance.getEntriesByName('kita-portal:first-render').length > 0);
	await page.getByRole('button', { name: `${t('ar', 'language_label')}: العربية` }).click();
	await page.getByRole('button', { name: 'Deutsch' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect.poll(accountLocale).toBe('de');
});

test('a device where nobody chose a language takes the account’s language after login', async ({
	page,
	context,
	baseURL
}) => {
	setAccountLocale('uk');
	await signIn(context, 'parent', baseURL ?? '');
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('uk', 'home_title'));
});

test('parents whose login is about to end are offered to stay logged in', async ({
	page,
	context,
	baseURL
}) => {
	await signIn(context, 'parent', baseURL ?? '');
	// The server slides parents' sessions with every request; until the user extends, its answers are
	// shortened, as if the tab had been left alone for nearly 30 days.
	let extended = false;
	await page.route(/\/api\/trpc\/[^?]*auth\./, async (route) => {
		const names = new URL(route.request().url()).pathname.split('/').pop()?.split(',') ?? [];
		if (names.includes('auth.extendSession')) extended = true;
		const response = await route.fetch();
		type Answer = { result?: { data?: { expiresAt?: string; serverNow?: string } } };
		// Account calls are never batched (one answer); other calls may be (a list of answers).
		const body = (await response.json()) as Answer | Answer[];
		const answers = Array.isArray(body) ? body : [body];
		const data = answers[names.indexOf('auth.sessionInfo')]?.result?.data;
		if (!extended && data?.serverNow)
			data.expiresAt = new Date(Date.parse(data.serverNow) + 4 * 60_000).toISOString();
		await route.fulfill({ response, json: body });
	});
	await page.goto('/meine-anmeldungen');
	const warning = page.getByRole('dialog', { name: t('de', 'session_warning_title') });
	await expect(warning).toBeVisible();
	await expect(warning).toContainText(t('de', 'session_warning_sliding', { minutes: 4 }));
	await expect(warning.getByRole('button', { name: t('de', 'session_extend') })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(warning).toBeHidden();
	expect(extended).toBe(true);
	await expect(page.getByText(t('de', 'session_extended'))).toBeAttached();
});
