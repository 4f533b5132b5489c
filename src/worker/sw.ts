// The service worker: precaches the app shell (list injected by workbox-build at build time) and
// answers every page navigation with it, so that deep links open offline. A new version waits
// until the page asks it to take over ("Update verfügbar"): it never swaps the app mid-task.
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: {
	__WB_MANIFEST: (PrecacheEntry | string)[];
	skipWaiting(): Promise<void>;
	addEventListener(type: 'message', listener: (event: MessageEvent<{ type?: string } | null>) => void): void;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
clientsClaim();

registerRoute(
	new NavigationRoute(createHandlerBoundToURL('/shell'), {
		denylist: [/^\/api\//, /^\/dev\//, /^\/sw\.js$/]
	})
);

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
