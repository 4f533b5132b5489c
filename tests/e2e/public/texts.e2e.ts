// Issue 13, points 15 and 16, as a family and a Kita see them: ages and numbers agree with their
// words ("ab 1 Jahr", "4 أشهر", "21 Monate (1 Jahr, 9 Monate)"), and the Turkish consent sentence is
// one sentence in Turkish order.
import { expect, test, type Page } from '@playwright/test';
import { pullPublicData } from '../helpers';
import { loginAsDemoStaff, seedRequests, staffKitas } from '../staff/steps';

async function inLanguage(page: Page, locale: string): Promise<void> {
	await page.addInitScript((l) => localStorage.setItem('PARAGLIDE_LOCALE', l), locale);
}

test('a Kita page gives the age range in the singular for 1 and in Arabic plural forms', async ({
	page,
	request
}) => {
	const { facilities } = await pullPublicData(request);
	const fromOneYear = facilities.find((f) => f.active && f.minAgeMonths === 12);
	const fromFourMonths = facilities.find((f) => f.active && f.minAgeMonths === 4);
	expect(fromOneYear, 'a demo Kita taking children from 12 months').toBeDefined();
	expect(fromFourMonths, 'a demo Kita taking children from 4 months').toBeDefined();

	await page.goto(`/kitas/${fromOneYear?.id}`);
	await expect(page.getByText(/^ab 1 Jahr bis /)).toBeVisible();
	await expect(page.getByText('1 Jahren')).toHaveCount(0);

	await inLanguage(page, 'ar');
	await page.goto(`/kitas/${fromFourMonths?.id}`);
	await expect(page.getByText(/^من 4 أشهر /)).toBeVisible();
	await expect(page.getByText('4 شهرًا')).toHaveCount(0);
});

test('the Turkish consent is one sentence in Turkish order, with the link inside', async ({ page }) => {
	await inLanguage(page, 'tr');
	await page.goto('/registrieren');
	const consent = page.getByRole('checkbox', { name: /^Gizlilik bildirimini .*okudum ve onaylıyorum\.$/ });
	await expect(consent).toBeVisible();
	await expect(page.getByRole('link', { name: /^Gizlilik bildirimini/ })).toHaveAttribute(
		'href',
		'/datenschutz'
	);
});

test('the Kita sees a child of 21 months as "21 Monate (1 Jahr, 9 Monate)"', async ({ page }) => {
	const [child] = seedRequests(staffKitas()[0] ?? '', 1, {
		lastName: 'Altersangabe',
		birthDate: '2025-05-01',
		startDate: '2027-02-01'
	});
	await loginAsDemoStaff(page);
	await page.goto(`/kita/anfrage/${child?.requestId}`);
	await expect(page.getByText('21 Monate (1 Jahr, 9 Monate) – U3')).toBeVisible();
});
