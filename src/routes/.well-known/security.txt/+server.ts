// RFC 9116 security.txt from SECURITY_CONTACT (server/security-txt.ts); not served without one.
import { requireApp } from '$server/app';
import { securityTxt } from '$server/security-txt';

export function GET(): Response {
	const app = requireApp();
	const text = securityTxt(app.config, app.now());
	return new Response(text ?? 'Not Found', {
		status: text === null ? 404 : 200,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }
	});
}
