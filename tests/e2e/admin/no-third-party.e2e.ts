// The portal makes no request to any third party: the browser's request log over the main pages of
// every audience holds only the portal's own origin (and data:/blob: URLs the page makes itself).
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { pullPublicData } from '../helpers';
import { DEMO_ADMIN, DEMO_ADVISER, loginAsParent, loginWithTotp } from './steps';

function recordRequests(context: BrowserContext): string[] {
	const urls: string[] = [];
	context.on('request', (r) => urls.push(r.url()));
	return urls;
}

async function visit(page: Page, paths: string[]): Promise<void> {
	for (const path of paths) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
		// Let late loads (fonts, images, the sync pull, the poke stream) start.
		await page.waitForTimeout(500);
	}
}

test('no page of the portal asks a third party for anything', async ({ browser, request, baseURL }) => {
	// Two logins with a second factor may each wait up to 30 s for a fresh code.
	test.setTimeout(150_000);
	const kita = (await pullPublicData(request)).facilities.find((f) => f.active);
	if (!kita) throw new Error('no demo Kita');
	const own = new URL(baseURL ?? '').origin;
	const all: string[] = [];

	const anonymous = await browser.newContext();
	const log = recordRequests(anonymous);
	await visit(await anonymous.newPage(), [
		'/',
		'/kitas',
		`/kitas/${kita.id}`,
		'/merkliste',
		'/login',
		'/registrieren',
		'/passwort-vergessen',
		'/hilfe',
		'/anleitung',
		'/datenschutz',
		'/impressum',
		'/barrierefreiheit'
	]);
	all.push(...log);
	await anonymous.close();

	const parent = await browser.newContext();
	const parentLog = recordRequests(parent);
	const parentPage = await parent.newPage();
	await loginAsParent(parentPage);
	await visit(parentPage, [
		'/anmeldung',
		'/meine-anmeldungen',
		'/familie',
		'/kindertagespflege',
		'/konto',
		'/konto/daten'
	]);
	all.push(...parentLog);
	await parent.close();

	for (const account of [DEMO_ADMIN, DEMO_ADVISER]) {
		const office = await browser.newContext();
		const officeLog = recordRequests(office);
		const page = await office.newPage();
		await loginWithTotp(page, account);
		await visit(
			page,
			account === DEMO_ADMIN
				? [
						'/verwaltung/kitas',
						`/verwaltung/kitas/${kita.id}`,
						'/verwaltung/kindergartenjahre',
						'/verwaltung/konten',
						'/verwaltung/berichte',
						'/verwaltung/protokoll'
					]
				: ['/fachberatung']
		);
		all.push(...officeLog);
		await office.close();
	}

	expect(all.length).toBeGreaterThan(50);
	const foreign = all.filter(
		(url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== own
	);
	expect(foreign).toEqual([]);
});
