import type { ClientInit } from '@sveltejs/kit';
import { applyDocumentLocale } from '$lib/client/document-locale';
import { afterFirstPaint } from '$lib/client/next-paint';

// Before anything renders: language and writing direction of the document for this device; a page
// the server rendered (the root layout's main region is in the HTML) is painted before hydration.
export const init: ClientInit = async () => {
	await applyDocumentLocale();
	if (document.getElementById('main')) await afterFirstPaint();
};
