// A real socket with the fast lane (server/trpc/fast-lane.ts) in front: what the lane leaves to
// SvelteKit answers PASSED_ON here, so a test sees which requests the lane took.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fastLane } from '../../server/trpc/fast-lane';
import type { TestApp } from './harness';

/** What the lane left to SvelteKit answers with this status here. */
export const PASSED_ON = 599;

/** A real socket with the lane in front; what it leaves answers PASSED_ON. */
export async function laneServer(t: TestApp): Promise<{ server: Server; base: string }> {
	const lane = fastLane(t.app);
	const server = createServer((request, response) => {
		const fast = lane(request, response);
		const passOn = () => {
			response.statusCode = PASSED_ON;
			response.end();
		};
		if (fast === false) passOn();
		else void fast.then((answered) => answered || passOn());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Another request's transaction, held open on the one connection until `end` is called: what the
 * lane does with a request that arrives meanwhile. `end` resolves once it has committed.
 */
export async function openTransaction(t: TestApp): Promise<{ end: () => Promise<void> }> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	const other = t.app.database.db.transaction().execute(async (tx) => {
		await tx.selectFrom('sync_state').selectAll().execute();
		open();
		await released;
	});
	await opened;
	return {
		end: async () => {
			release();
			await other;
		}
	};
}
