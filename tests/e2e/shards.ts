// `npm run test:e2e [-- <playwright args>]`: the e2e suite in E2E_SHARDS shards side by side (2 by
// default; 1 runs it as one). Each shard is its own Playwright run with its own server, port and
// database (playwright.config.ts keys them by E2E_PORT), so no test sees another shard's data. The
// tests mostly wait — for the network, the worker, a debounce — so two runs share a 2-core machine
// well; CI's whole run must stay under 30 minutes. Exits with the first failing shard's code.
import { spawn } from 'node:child_process';

const shards = Math.max(1, Number(process.env.E2E_SHARDS ?? 2) || 1);
const basePort = Number(process.env.E2E_PORT ?? 3210);
const args = process.argv.slice(2);

function run(index: number): Promise<number> {
	const shardArgs = shards > 1 ? [`--shard=${index + 1}/${shards}`] : [];
	const child = spawn('npx', ['playwright', 'test', ...shardArgs, ...args], {
		env: { ...process.env, E2E_PORT: String(basePort + index) },
		stdio: shards > 1 ? ['ignore', 'pipe', 'pipe'] : 'inherit'
	});
	if (shards > 1) {
		// Each line with its shard in front, so that two interleaved reports stay readable.
		const prefix = `[e2e ${index + 1}/${shards}] `;
		for (const [from, to] of [
			[child.stdout, process.stdout],
			[child.stderr, process.stderr]
		] as const) {
			let rest = '';
			from?.setEncoding('utf8');
			from?.on('data', (chunk: string) => {
				const lines = (rest + chunk).split('\n');
				rest = lines.pop() ?? '';
				for (const line of lines) to.write(prefix + line + '\n');
			});
			from?.on('end', () => rest && to.write(prefix + rest + '\n'));
		}
	}
	return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

const codes = await Promise.all(Array.from({ length: shards }, (_, i) => run(i)));
const failed = codes.findIndex((code) => code !== 0);
if (failed >= 0) console.error(`e2e: shard ${failed + 1} of ${shards} failed (exit ${codes[failed]})`);
process.exit(failed >= 0 ? (codes[failed] ?? 1) : 0);
