// /.well-known/security.txt (RFC 9116): how to report a vulnerability. Built from the settings at
// each request, so the contact is always the configured one.
import type { Config } from './config';

/** RFC 9116 asks for an expiry less than a year ahead; half a year keeps crawlers re-reading it. */
const VALID_DAYS = 180;
const DAY_MS = 24 * 3600_000;

/** The file, or null without SECURITY_CONTACT (a security.txt without Contact is invalid). */
export function securityTxt(config: Pick<Config, 'origin' | 'securityContact'>, now: Date): string | null {
	if (!config.securityContact) return null;
	// Whole days: the text stays the same through a day (caches, diffs).
	const expires = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + VALID_DAYS * DAY_MS);
	return [
		`Contact: ${config.securityContact}`,
		`Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
		'Preferred-Languages: de, en',
		`Canonical: ${config.origin}/.well-known/security.txt`,
		''
	].join('\n');
}
