// Issue 7, forms: submitted with gaps, every form shows an error summary at the top whose links lead
// to the fields, ties each error to its field (aria-invalid + aria-describedby), and keeps what was
// typed.
import { expect, test, type Page } from '@playwright/test';
import { pullPublicData } from '../helpers';
import { t } from './catalogue';
import { open } from './checks';
import { ROUTE_CASES, type RouteParams } from './routes';
import { seedRouteParams, signIn, useLocale, waitForContent } from './steps';

test.use({ serviceWorkers: 'block' });

let params: RouteParams;

test.beforeAll(async ({ request }) => {
	const data = await pullPublicData(request);
	params = seedRouteParams(data.facilities.find((f) => f.active)?.id ?? '', 'Formular');
});

/** What a form shows after a submission with gaps. */
async function errorState(page: Page) {
	return page.getByRole('main').evaluate((main) => {
		const summaries = [...main.querySelectorAll('[role="alert"]')].filter((el) =>
			el.querySelector('a[href^="#"]')
		);
		const links = summaries.flatMap((s) => [...s.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')]);
		const broken = links
			.filter((a) => !document.getElementById(decodeURIComponent(a.hash.slice(1))))
			.map((a) => a.hash);
		const invalid = [...main.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
		const untied = invalid
			.filter((field) => {
				const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
				return !ids.some((id) => (document.getElementById(id)?.textContent ?? '').trim() !== '');
			})
			.map((field) => field.id || field.tagName);
		return { summaries: summaries.length, links: links.length, broken, invalid: invalid.length, untied };
	});
}

test('forms name their errors at the top and at each field, and keep what was typed', async ({
	page,
	context,
	baseURL
}) => {
	test.setTimeout(120_000);
	await useLocale(context, 'de');
	for (const audience of ['public', 'parent', 'staff', 'admin'] as const) {
		await context.clearCookies();
		if (audience !== 'public') await signIn(context, audience, baseURL ?? '');
		await page.goto('/');
		for (const route of ROUTE_CASES.filter((r) => r.submitEmpty && r.audience === audience)) {
			await test.step(route.pattern, async () => {
				await open(page, route.path(params));
				await waitForContent(page, 'de');
				// Something typed into the first empty text field must survive the failed submission.
				// (Fields that show stored data, such as the family's first guardian, are not empty.)
				const fields = await page
					.getByRole('main')
					.locator('input[type="text"]:visible, input:not([type]):visible')
					.all();
				let field = page.getByRole('main').locator('input[type="text"]:visible').first();
				let hasField = false;
				for (const candidate of fields)
					if ((await candidate.inputValue()) === '') {
						field = candidate;
						hasField = true;
						break;
					}
				const typed = 'Probe';
				if (hasField) await field.fill(typed);
				// The form of that field: a form above it may hold complete stored data (the family's guardian).
				const form = hasField ? field.locator('xpath=ancestor::form[1]') : page.getByRole('main');
				const submit = form.locator('button[type="submit"]:visible:enabled').first();
				await submit.click();
				await expect(page.getByRole('main').locator('[aria-invalid="true"]').first()).toBeVisible();
				const state = await errorState(page);
				expect.soft(state.summaries, `${route.pattern}: error summary with links`).toBeGreaterThan(0);
				expect.soft(state.broken, `${route.pattern}: summary links without a target`).toEqual([]);
				expect.soft(state.untied, `${route.pattern}: invalid fields without a described error`).toEqual([]);
				if (hasField) await expect.soft(field, `${route.pattern}: typed text kept`).toHaveValue(typed);
			});
		}
	}
});

test('adding a child inside the registration form does not send the registration', async ({
	page,
	context,
	baseURL
}) => {
	await useLocale(context, 'de');
	await signIn(context, 'parent', baseURL ?? '');
	await page.goto('/anmeldung');
	await waitForContent(page, 'de');
	await page.getByText(t('de', 'child_add'), { exact: true }).first().click();
	const form = page.getByRole('form', { name: t('de', 'child_add') });
	await form.getByRole('button', { name: t('de', 'child_add') }).click();
	await expect(form.locator('[aria-invalid="true"]').first()).toBeVisible();
	// Only the child form complains; the registration's own summary stays away.
	await expect(page.getByRole('alert').filter({ hasText: t('de', 'registration_kitas') })).toHaveCount(0);
});
