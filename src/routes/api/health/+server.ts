import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { getApp } from '$server/app';

export async function GET() {
	const app = getApp();
	if (!app) return json({ status: 'starting' }, { status: 503 });
	await sql`SELECT 1`.execute(app.database.db);
	return json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
