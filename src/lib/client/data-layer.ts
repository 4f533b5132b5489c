// The data layer — Dexie and the local database, the sync engine, the tRPC client — loads after the
// page's first render: a page paints with the framework, its texts and its own code (issue 8: at
// most 60 KB of JS before the first render on a phone), then reads and writes the local database.
// Pages reach the database through this module, which does not import Dexie.
import { requestI18n } from '$lib/i18n/request-i18n';
import { releaseHeldTaps } from './held-taps';
import type { LocalDb } from './local-db';

type Layer = typeof import('./local-db');

/** The performance mark the root layout sets after the first render (the budget test reads it). */
export const FIRST_RENDER_MARK = 'kita-portal:first-render';

let firstRendered: () => void = () => {};
let rendered = false;
const firstRender = new Promise<void>((resolve) => (firstRendered = resolve));
let layer: Layer | undefined;
let loading: Promise<Layer> | undefined;

/** The root layout calls this once, when the first page has rendered. */
export function firstRenderDone(): void {
	rendered = true;
	performance.mark(FIRST_RENDER_MARK);
	// What waits for the first render starts in a task of its own. Called from the root layout's
	// mount, this is still the task of Svelte's hydration, a long one on a phone; each import started
	// here adds its modulepreload links to it (Vite's preload helper: 20–30 ms more at 4× CPU,
	// `page-trace.ts --inclusive`).
	setTimeout(firstRendered, 0);
	// What was tapped before the app had taken over the server's page is done now.
	releaseHeldTaps();
}

/** Whether the first page has rendered (what renders now is the app's, not the server's page). */
export function hasRendered(): boolean {
	return rendered;
}

/** Resolves once the first page has rendered: what loads after it is not part of the first load. */
export function afterFirstRender(): Promise<void> {
	return firstRender;
}

/**
 * A module a page needs for what the user does next (writing, validating), loaded once right after
 * the first render rather than at the first use: until the service worker controls the page (the
 * first visit), a module first asked for offline could not be fetched. Returns its getter.
 */
export function afterRender<T>(load: () => Promise<T>): () => Promise<T> {
	// Rendering a request on the server: nothing renders after it there (and nothing may wait on it
	// forever: a never-settling promise of its own is dropped with the render).
	if (import.meta.env.SSR && requestI18n()) return () => new Promise<T>(() => {});
	let pending: Promise<T> | undefined;
	const get = (): Promise<T> => {
		pending ??= firstRender.then(load);
		// A failed load (offline, before the worker) is tried again at the next use.
		pending.catch(() => (pending = undefined));
		return pending;
	};
	void get();
	return get;
}

/** The data layer, loaded once after the first render (at once if that render is done). */
export function loadDataLayer(): Promise<Layer> {
	// On the server a page renders without it (and keeps no reference to what waits for it).
	if (import.meta.env.SSR && requestI18n()) return new Promise<Layer>(() => {});
	return (loading ??= firstRender.then(() => import('./local-db')).then((loaded) => (layer = loaded)));
}

/** The current user's local database, once the data layer has loaded. */
export async function openLocalDb(): Promise<LocalDb> {
	return (await loadDataLayer()).localDb();
}

/**
 * The current user's local database for code that runs after the data layer loaded: the queries of
 * `live()` and actions on what they showed. Each access follows the user of the moment (login,
 * logout); an access before the layer loaded is a programming error and says so.
 */
export const db: LocalDb = new Proxy({} as LocalDb, {
	get(_target, property) {
		if (!layer) throw new Error(`local database used before the data layer loaded (${String(property)})`);
		const real = layer.localDb();
		const value: unknown = Reflect.get(real, property, real);
		return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
	}
});

/** A pull and push now, for pages that just changed something on the server directly. */
export async function syncNow(): Promise<void> {
	await loadDataLayer();
	const { sync } = await import('./sync/engine');
	await sync();
}
