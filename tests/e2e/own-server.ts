// A server of a test's own beside the suite's (restart.e2e.ts kills it, vanished-file.e2e.ts runs it
// on a build it changes): a free port, and waiting until it answers.
import { createServer } from 'node:net';

/** A port nobody listens on (a busy one would answer the health checks for us). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** Up to 30 s: a cold start on a loaded CI machine took longer than 10 s. */
export async function healthy(origin: string): Promise<void> {
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${origin}/api/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('server did not come up');
}
