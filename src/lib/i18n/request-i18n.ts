// On the server, the language a request renders in and its texts. The server installs the source
// (src/lib/i18n/texts.server.ts, per request); the browser build never reaches these calls (they sit
// behind `import.meta.env.SSR`), so nothing of this is in a page's first load.
import type { LOCALES } from './generated/loaders';

type Locale = (typeof LOCALES)[number];

export type Text = string | ((inputs: Record<string, unknown>, plural: (n: unknown) => string) => string);

/** What a server-side render needs to say something: the request's language and its texts. */
export interface RequestI18n {
	locale: Locale;
	text(key: string): Text | undefined;
	plural(n: unknown): string;
}

let source: (() => RequestI18n | undefined) | undefined;

/** The server's hook (texts.server.ts) installs where the current request's language is found. */
export function installRequestI18n(get: () => RequestI18n | undefined): void {
	source = get;
}

/** The current request's language and texts; undefined outside a request (and in the browser). */
export function requestI18n(): RequestI18n | undefined {
	return source?.();
}
