// Starts the built portal on a fresh database for the e2e run.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

rmSync(dirname(process.env.DATABASE_PATH ?? 'test-results/e2e-data/kita.db'), {
	recursive: true,
	force: true
});
await import('../../server/cli/start.js');
