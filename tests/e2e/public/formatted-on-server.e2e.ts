// The start page and a Kita page show the days and ages the server formatted, and the browser makes
// no date or number formatter of its own while it hydrates them or after its first sync: a phone's
// first one costs ICU's start-up, 80–130 ms at 4× CPU (src/lib/formatted-texts.ts). In the
// visitor's language, German and English alike. The finder sorts its Kitas without a collator
// (src/lib/domain/name-order.ts) and asks for today only for an age: no ICU there either.
import { expect, test, type Page } from '@playwright/test';
import { t } from '../a11y/catalogue';
import { pullPublicData, syncIndicator } from '../helpers';

/**
 * Counts every Intl.DateTimeFormat, Intl.NumberFormat and Intl.Collator the page makes, and every
 * comparison by a collator (`localeCompare`), from its first script on.
 */
async function countFormatters(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const made: string[] = [];
		(window as unknown as { formattersMade: string[] }).formattersMade = made;
		const compare = String.prototype.localeCompare;
		String.prototype.localeCompare = function (this: string, ...args: Parameters<typeof compare>) {
			made.push('localeCompare');
			return compare.apply(this, args);
		};
		for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator'] as const) {
			const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
			const Counted = function (...args: unknown[]) {
				made.push(name);
				return new Original(...args);
			};
			Object.setPrototypeOf(Counted, Original);
			Counted.prototype = Original.prototype;
			(Intl as unknown as Record<string, unknown>)[name] = Counted;
		}
	});
}

const formattersMade = (page: Page) =>
	page.evaluate(() => (window as unknown as { formattersMade: string[] }).formattersMade);

for (const { locale, language, dayText, ages } of [
	{ locale: 'de-DE', language: 'de', dayText: /\d{2}\.\d{2}\.\d{4}/, ages: /Jahr|Monat/ },
	{ locale: 'en-US', language: 'en', dayText: /[A-Z][a-z]{2} \d{1,2}, \d{4}/, ages: /year|month/ }
]) {
	test.describe(`in ${locale}`, () => {
		test.use({ locale, serviceWorkers: 'block' });

		test('the start page and a Kita page hydrate with the server’s days and ages, making no formatter', async ({
			page,
			request
		}) => {
			const facility = (await pullPublicData(request)).facilities.find((f) => f.active);
			if (!facility) throw new Error('no active Kita in the demo data');
			await countFormatters(page);
			// The texts come inlined in the page, as the server's load fetched them: no request of its own.
			const asked: string[] = [];
			page.on('request', (r) => {
				if (new URL(r.url()).pathname.startsWith('/api/public/')) asked.push(r.url());
			});

			await page.goto('/');
			const years = page.getByRole('main').getByRole('listitem').filter({ hasText: dayText });
			await expect(years.first()).toBeVisible();
			// After the first sync the years come from the local database: still the server's texts.
			await expect(syncIndicator(page)).toContainText(t(language, 'sync_last', { time: '' }).trim(), {
				timeout: 15_000
			});
			await expect(years.first()).toBeVisible();
			expect(await formattersMade(page)).toEqual([]);

			await page.goto(`/kitas/${facility.id}`);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page.getByRole('main')).toContainText(dayText);
			await expect(page.getByRole('main')).toContainText(ages);
			expect(await formattersMade(page)).toEqual([]);
			expect(asked).toEqual([]);
		});

		test('the finder hydrates and lists the local Kitas with no formatter and no collator', async ({
			page
		}) => {
			await countFormatters(page);
			await page.goto('/kitas');
			const kitas = page.getByRole('main').getByRole('article');
			await expect(kitas.first()).toBeVisible();
			await expect(page.locator('[data-server-list][data-live]')).toHaveCount(1, { timeout: 15_000 });
			// After the first sync the list comes from the local database.
			await expect(syncIndicator(page)).toContainText(t(language, 'sync_last', { time: '' }).trim(), {
				timeout: 15_000
			});
			expect(await kitas.count()).toBeGreaterThan(10);
			expect(await formattersMade(page)).toEqual([]);
		});
	});
}
