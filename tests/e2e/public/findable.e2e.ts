// Issue 16, point 2 ("Findable"): a Kita page names the Kita and its town in its title and meta
// description, points to its canonical address and carries schema.org ChildCare JSON-LD; the
// served sitemap.xml lists it and robots.txt keeps the private areas out.
import { expect, test, type Page } from '@playwright/test';
import { PUBLIC_PAGES } from '../../../server/seo';
import { expectNoA11yViolations, pullPublicData, type PublicFacility } from '../helpers';

test.use({ serviceWorkers: 'block' });

interface FullFacility extends PublicFacility {
	lat: number;
	lon: number;
	phone: string;
	email: string;
	website: string | null;
	openingHours: string;
}

interface ChildCare {
	'@context': string;
	'@type': string;
	name: string;
	mainEntityOfPage: string;
	address: { '@type': string; streetAddress: string; postalCode: string; addressLocality: string };
	geo: { '@type': string; latitude: number; longitude: number };
	openingHoursSpecification?: { dayOfWeek: string[]; opens: string; closes: string }[];
	telephone?: string;
	email?: string;
	url?: string;
}

const jsonLd = (page: Page) => page.locator('head script[type="application/ld+json"]');

async function readJsonLd(page: Page): Promise<ChildCare> {
	await expect(jsonLd(page)).toHaveCount(1);
	return JSON.parse((await jsonLd(page).textContent()) ?? '') as ChildCare;
}

test('a Kita page has its title, description, canonical address and ChildCare JSON-LD', async ({
	page,
	request,
	baseURL
}) => {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	// With the worker blocked, its registration fails (as in every test that blocks it); not ours.
	page.on('pageerror', (error) => {
		if (!error.message.includes("reading 'waiting'")) errors.push(error.message);
	});

	const facilities = (await pullPublicData(request)).facilities as FullFacility[];
	const kita = facilities.find((f) => f.website && /^Mo–Do .*, Fr /.test(f.openingHours));
	const other = facilities.find((f) => f.town !== kita?.town);
	if (!kita || !other) throw new Error('the demo data has a Kita with a web site and split opening hours');

	await page.goto(`/kitas/${kita.id}`);
	await expect(page.getByRole('heading', { level: 1, name: kita.name })).toBeVisible({ timeout: 15_000 });
	await expect(page).toHaveTitle(`${kita.name}, ${kita.town} – Kita-Portal`);
	const description = page.locator('head meta[name="description"]');
	await expect(description).toHaveCount(1);
	await expect(description).toHaveAttribute(
		'content',
		`${kita.name} in ${kita.town}: Adresse, Öffnungszeiten, Kontakt und freie Plätze – online anmelden im Kita-Portal.`
	);
	const canonical = page.locator('head link[rel="canonical"]');
	await expect(canonical).toHaveCount(1);
	await expect(canonical).toHaveAttribute('href', `${baseURL}/kitas/${kita.id}`);

	const data = await readJsonLd(page);
	expect(data).toMatchObject({
		'@context': 'https://schema.org',
		'@type': 'ChildCare',
		name: kita.name,
		mainEntityOfPage: `${baseURL}/kitas/${kita.id}`,
		address: {
			'@type': 'PostalAddress',
			streetAddress: kita.street,
			postalCode: kita.postcode,
			addressLocality: kita.town
		},
		geo: { '@type': 'GeoCoordinates', latitude: kita.lat, longitude: kita.lon },
		telephone: kita.phone,
		email: kita.email,
		url: kita.website
	});
	expect(data.openingHoursSpecification?.map((s) => s.dayOfWeek.at(-1))).toEqual(['Thursday', 'Friday']);
	for (const spec of data.openingHoursSpecification ?? []) {
		expect(spec.opens).toMatch(/^\d\d:\d\d$/);
		expect(spec.closes > spec.opens).toBe(true);
	}
	await expectNoA11yViolations(page);

	// To another Kita within the app: its head replaces the first one's, nothing is left behind.
	await page.getByRole('link', { name: 'Zurück zu „Kita finden“' }).click();
	await page.getByRole('main').getByRole('link', { name: other.name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: other.name })).toBeVisible();
	await expect(page).toHaveTitle(`${other.name}, ${other.town} – Kita-Portal`);
	await expect(canonical).toHaveAttribute('href', `${baseURL}/kitas/${other.id}`);
	await expect
		.poll(() => description.getAttribute('content'))
		.toMatch(new RegExp(`^${other.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in ${other.town}:`));
	expect((await readJsonLd(page)).name).toBe(other.name);

	// Leaving the Kita pages takes their head along.
	await page.getByRole('link', { name: 'Zurück zu „Kita finden“' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kita finden' })).toBeVisible();
	await expect(jsonLd(page)).toHaveCount(0);
	await expect(canonical).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a Kita page as served carries its JSON-LD, for search engines that run no script', async ({
	request,
	baseURL
}) => {
	const kita = (await pullPublicData(request)).facilities.find((f) => f.active);
	if (!kita) throw new Error('no active Kita in the demo data');
	const html = await (await request.get(`/kitas/${kita.id}`)).text();
	const scripts = [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)];
	expect(scripts).toHaveLength(1);
	const data = JSON.parse(scripts[0]?.[1] ?? '') as ChildCare;
	expect(data).toMatchObject({
		'@type': 'ChildCare',
		name: kita.name,
		mainEntityOfPage: `${baseURL}/kitas/${kita.id}`
	});
	expect(html.indexOf('application/ld+json')).toBeLessThan(html.indexOf('</head>'));
	// One title, the Kita's: a second (the shell's) before it is the one browsers and crawlers take.
	expect([...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1])).toEqual([
		`${kita.name}, ${kita.town} – Kita-Portal`
	]);
	const help = await (await request.get('/hilfe')).text();
	expect([...help.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1])).toEqual([
		'Hilfe: Häufig gestellte Fragen – Kita-Portal'
	]);
	// The sign-up page is rendered on the server too (a visitor's first form), with its own title.
	const signUp = await (await request.get('/registrieren')).text();
	expect([...signUp.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1])).toEqual([
		'Benutzerkonto erstellen – Kita-Portal'
	]);
	// A page rendered in the browser keeps the shell's title until then.
	const reset = await (await request.get('/passwort-vergessen')).text();
	expect([...reset.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1])).toEqual(['Kita-Portal']);
	// Other pages carry none.
	expect(await (await request.get('/kitas')).text()).not.toContain('application/ld+json');
});

test('every public page has a title and a meta description of its own', async ({ page }) => {
	const seen = new Map<string, string>();
	// The imprint last, opened from the footer within the app (below).
	for (const path of PUBLIC_PAGES.filter((p) => p !== '/impressum')) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 15_000 });
		await expect(page).toHaveTitle(/Kita-Portal/);
		const description = page.locator('head meta[name="description"]');
		await expect(description).toHaveCount(1);
		const content = (await description.getAttribute('content')) ?? '';
		expect(content.length, `${path}: description`).toBeGreaterThan(50);
		expect(seen.get(content), `${path}: description shared`).toBeUndefined();
		seen.set(content, path);
		await expectNoA11yViolations(page);
	}
	// Within the app, the next page's description replaces the last one's.
	expect(seen.size).toBe(PUBLIC_PAGES.length - 1);
	await page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Impressum' })).toBeVisible();
	await expect(page.locator('head meta[name="description"]')).toHaveCount(1);
	await expect(page.locator('head meta[name="description"]')).toHaveAttribute(
		'content',
		/^Impressum des Kita-Portals/
	);
});

test('the served sitemap.xml lists the Kita pages and robots.txt keeps the private areas out', async ({
	request,
	baseURL
}) => {
	const facilities = (await pullPublicData(request)).facilities;
	const sitemap = await request.get('/sitemap.xml');
	expect(sitemap.status()).toBe(200);
	expect(sitemap.headers()['content-type']).toBe('application/xml; charset=utf-8');
	const text = await sitemap.text();
	const locs = [...text.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
	expect(locs).toContain(`${baseURL}/`);
	expect(locs).toContain(`${baseURL}/kitas`);
	expect(locs).toContain(`${baseURL}/impressum`);
	expect(locs.filter((l) => l?.startsWith(`${baseURL}/kitas/`)).sort()).toEqual(
		facilities.map((f) => `${baseURL}/kitas/${f.id}`).sort()
	);

	const robots = await request.get('/robots.txt');
	expect(robots.status()).toBe(200);
	const lines = (await robots.text()).split('\n');
	for (const area of ['/kita', '/verwaltung', '/konto', '/login', '/api'])
		expect(lines).toContain(`Disallow: ${area}`);
	expect(lines).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
});
