// The portal's public address as the server is configured (ORIGIN, the base of its mail links),
// written into the page shell; the address the browser shows when the shell has none (dev server).
export function portalOrigin(): string {
	const configured = document.querySelector<HTMLMetaElement>('meta[name="portal-origin"]')?.content ?? '';
	return /^https?:\/\/[^\s]+$/.test(configured) ? configured.replace(/\/$/, '') : location.origin;
}
