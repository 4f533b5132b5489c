// Vitest's global setup when TEST_DATABASE=postgres: one throw-away cluster for the whole run; each
// test app creates its own database in it (tests/integration/harness.ts).
import { startCluster } from './cluster';

export default function setup(): () => void {
	const cluster = startCluster();
	process.env.TEST_POSTGRES_URL = cluster.url('postgres');
	return () => cluster.stop();
}
