// Issue 7 / WCAG 1.4.10: no page scrolls sideways on a 320 CSS px phone or at 200 % zoom (a 1280 ×
// 960 window shows 640 × 480 CSS px). German has the longest words, so it is checked here on every
// page at both widths; the axe suite checks English at 640 px and Arabic at 320 px.
import { test } from '@playwright/test';
import { pullPublicData } from '../helpers';
import { expectNoHorizontalScroll, open } from './checks';
import { ROUTE_CASES, type Audience, type RouteParams } from './routes';
import { seedRouteParams, signIn, useLocale, waitForContent } from './steps';

test.use({ serviceWorkers: 'block', viewport: { width: 320, height: 640 } });

let params: RouteParams;

test.beforeAll(async ({ request }) => {
	const data = await pullPublicData(request);
	params = seedRouteParams(data.facilities.find((f) => f.active)?.id ?? '', 'Reflow');
});

for (const audience of ['public', 'parent', 'staff', 'admin', 'childminding'] as Audience[]) {
	test(`${audience} pages fit 320 px and 200 % zoom`, async ({ page, context, baseURL }) => {
		test.setTimeout(180_000);
		await useLocale(context, 'de');
		if (audience !== 'public') await signIn(context, audience, baseURL ?? '');
		for (const route of ROUTE_CASES.filter((r) => r.audience === audience)) {
			await page.setViewportSize({ width: 320, height: 640 });
			await open(page, route.path(params));
			await waitForContent(page, 'de');
			await expectNoHorizontalScroll(page, `${route.pattern} at 320 px`);
			await page.setViewportSize({ width: 640, height: 480 });
			await expectNoHorizontalScroll(page, `${route.pattern} at 200 % zoom`);
		}
	});
}
