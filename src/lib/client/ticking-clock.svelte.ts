// The device's time for choosing which actions a page offers: read in a component, it is read again
// every few seconds, so that a lapsed offer loses its accept button while the page stays open. Only a
// preview — the server's clock decides, and refuses a late answer all the same.
import { createSubscriber } from 'svelte/reactivity';

export const TICK_MS = 5_000;

const subscribe = createSubscriber((update) => {
	const timer = setInterval(update, TICK_MS);
	return () => clearInterval(timer);
});

export const tickingClock = {
	/** Now; inside an effect or a derived value, re-evaluated every TICK_MS while it is in use. */
	get now(): Date {
		subscribe();
		// A fresh value on each read, handed out and never changed: no SvelteDate needed.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		return new Date();
	}
};
