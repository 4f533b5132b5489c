// Registers the workbox-built service worker and offers "Update verfügbar" instead of swapping the
// app under the user: a new worker waits until the user chooses to reload.
class UpdateState {
	waiting = $state<ServiceWorker | null>(null);
}

export const updateState = new UpdateState();

export async function registerServiceWorker(): Promise<void> {
	if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
	const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
	const offer = (worker: ServiceWorker | null) => {
		// Only an update: the very first install has no controller and needs no prompt.
		if (worker && navigator.serviceWorker.controller) updateState.waiting = worker;
	};
	offer(registration.waiting);
	registration.addEventListener('updatefound', () => {
		const installing = registration.installing;
		installing?.addEventListener('statechange', () => {
			if (installing.state === 'installed') offer(installing);
		});
	});
	let reloading = false;
	navigator.serviceWorker.addEventListener('controllerchange', () => {
		if (reloading) return;
		reloading = true;
		location.reload();
	});
}

export function applyUpdate(): void {
	updateState.waiting?.postMessage({ type: 'SKIP_WAITING' });
}
