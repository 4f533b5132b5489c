// Registers the workbox-built service worker and offers "Update verfügbar" instead of swapping the
// app under the user: a new worker waits until the user chooses to reload.
import { getLocale } from '$lib/i18n/runtime';

class UpdateState {
	waiting = $state<ServiceWorker | null>(null);
}

export const updateState = new UpdateState();

export async function registerServiceWorker(): Promise<void> {
	if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
	let registration: ServiceWorkerRegistration;
	try {
		registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
	} catch (error) {
		// The app works online without the worker; offline use needs it, so say why it is missing.
		console.warn('Service worker registration failed:', error);
		return;
	}
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

export function applyUpdate(): void {
	updateState.waiting?.postMessage({ type: 'SKIP_WAITING' });
}
