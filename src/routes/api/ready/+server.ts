import { json } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { readiness } from '$server/http/readiness';

/** Readiness for a load balancer or orchestrator (server/http/readiness.ts); /api/health is liveness. */
export async function GET() {
	const answer = await readiness(getApp());
	const headers = { 'Cache-Control': 'no-store' };
	if (answer.ready) return json({ status: 'ready' }, { headers });
	const { reason, migrations } = answer;
	return json(
		{ status: 'unavailable', reason, ...(migrations ? { migrations } : {}) },
		{ status: 503, headers }
	);
}
