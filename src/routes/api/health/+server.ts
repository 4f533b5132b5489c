import { json } from '@sveltejs/kit';
import { getApp } from '$server/app';

export function GET() {
	const app = getApp();
	if (!app) return json({ status: 'starting' }, { status: 503 });
	app.database.sqlite.prepare('SELECT 1').get();
	return json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
