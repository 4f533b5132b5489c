// Hydration after the server's page is on the screen. On a fast line the app's scripts can arrive
// before the browser's first frame, and the browser then hydrates first and paints after: the
// visitor waits for the framework to see text that was already there (Lighthouse measured it as
// render delay of the largest paint; the sign-up page painted after 130 ms of hydration).

/**
 * Resolves once the page's first contentful paint happened, or after `fallbackMs` (a tab in the
 * background paints nothing). A frame alone is not enough: the browser runs animation frames
 * that paint nothing while the document still counts as not ready to render.
 */
export function afterFirstPaint(fallbackMs = 300): Promise<void> {
	return new Promise((resolve) => {
		if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) {
			// Without paint timing: two frames, the first of which has painted.
			requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
			setTimeout(resolve, fallbackMs);
			return;
		}
		const observer = new PerformanceObserver((list) => {
			if (list.getEntriesByName('first-contentful-paint').length) done();
		});
		const timer = setTimeout(done, fallbackMs);
		function done() {
			clearTimeout(timer);
			observer.disconnect();
			resolve();
		}
		observer.observe({ type: 'paint', buffered: true });
	});
}
