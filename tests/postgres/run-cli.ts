// Runs one of the portal's command-line programs (server/cli) in its own process, as `npm run …`
// does, with extra environment (DATABASE_URL of a throw-away cluster's database).
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');

export async function runCli(
	script: string,
	args: string[],
	env: Record<string, string>
): Promise<{ code: number; out: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)(
			process.execPath,
			['--import', 'tsx', join(ROOT, 'server/cli', script), ...args],
			{ cwd: ROOT, env: { ...process.env, ...env } }
		);
		return { code: 0, out: stdout + stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, out: failed.stdout + failed.stderr };
	}
}
