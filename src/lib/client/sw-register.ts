// Registers the workbox-built service worker once the first page has rendered (the root layout
// loads this then): a new version is offered through `updateState` (service-worker.svelte.ts,
// passed in so that it stays in the first load's code rather than a chunk of its own).
import { getLocale } from '$lib/i18n/runtime';
import type { updateState as UpdateState } from './service-worker.svelte';

export async function registerServiceWorker(updateState: typeof UpdateState): Promise<void> {
	if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
	const registration: ServiceWorkerRegistration | undefined = await navigator.serviceWorker
		.register('/sw.js', { scope: '/' })
		.catch((error: unknown) => {
			// The app works online without the worker; offline use needs it, so say why it is missing.
			console.warn('Service worker registration failed:', error);
			return undefined;
		});
	// Failed, or a browser that blocks workers by policy (and Playwright's `serviceWorkers: 'block'`)
	// answers without a registration: nothing to offer, and no error for the page.
	if (!registration) return;
	const offer = (worker: ServiceWorker | null) => {
		// Only an update: the very first install has no controller and needs no prompt.
		if (worker && navigator.serviceWorker.controller) updateState.waiting = worker;
	};
	offer(registration.waiting);
	// The worker precaches German texts only; it keeps this device's language for offline use.
	void navigator.serviceWorker.ready.then((ready) =>
		ready.active?.postMessage({ type: 'CACHE_LOCALE', locale: getLocale() })
	);
	registration.addEventListener('updatefound', () => {
		const installing = registration.installing;
		installing?.addEventListener('statechange', () => {
			if (installing.state === 'installed') offer(installing);
		});
	});
	// The first install takes control of the open page (clientsClaim) without a reload; only a
	// replaced worker (the user chose "update") reloads, so nothing typed meanwhile is lost.
	let hadController = navigator.serviceWorker.controller !== null;
	let reloading = false;
	navigator.serviceWorker.addEventListener('controllerchange', () => {
		if (!hadController) {
			hadController = true;
			return;
		}
		if (reloading) return;
		reloading = true;
		location.reload();
	});
}
