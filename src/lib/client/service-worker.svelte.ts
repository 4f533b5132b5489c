// "Update verfügbar": a new service worker waits until the user chooses to reload, instead of
// swapping the app under the user. The registration (sw-register.ts) loads after the first render.

class UpdateState {
	waiting = $state<ServiceWorker | null>(null);
}

export const updateState = new UpdateState();

export function applyUpdate(): void {
	updateState.waiting?.postMessage({ type: 'SKIP_WAITING' });
}
