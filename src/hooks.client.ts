import type { ClientInit } from '@sveltejs/kit';
import { applyDocumentLocale } from '$lib/client/document-locale';

// Before anything renders: language and writing direction of the document for this device.
export const init: ClientInit = () => applyDocumentLocale();
