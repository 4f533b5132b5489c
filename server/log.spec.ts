import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorSerializer, maskEmails } from './log';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('errorSerializer', () => {
	it('drops the stored values a database error quotes and masks e-mail addresses', () => {
		const error = Object.assign(
			new Error('duplicate key value violates unique constraint "users_email_key"'),
			{
				code: '23505',
				detail: 'Key (email)=(anna.muster@example.org) already exists.',
				where: 'SQL statement "INSERT INTO users …"',
				table: 'users',
				constraint: 'users_email_key'
			}
		);
		const logged = JSON.stringify(errorSerializer(error));
		expect(logged).not.toContain('anna.muster');
		expect(logged).toContain('[withheld]');
		expect(logged).toContain('users_email_key');
		expect(JSON.stringify(errorSerializer(new Error('550 no mailbox anna@example.org')))).toContain(
			'550 no mailbox [e-mail]'
		);
		// A stack's package path stays readable.
		const frame =
			'at async resolveMiddleware (file:///app/node_modules/@trpc/server/dist/initTRPC.mjs:300:17)';
		expect(maskEmails(frame)).toBe(frame);
	});
});

describe('the log on stdout', () => {
	it('writes request lines in batches, a warning at once with the lines before it, and the rest by the timer and at exit', () => {
		const script = `
			import { log } from './server/log.ts';
			log.info('first');
			log.info('second');
			process.stdout.write('MARK held\\n');
			log.warn('warning');
			process.stdout.write('MARK after warning\\n');
			log.info('third');
			setTimeout(() => process.stdout.write('MARK after the timer\\n'), 1500);
			setTimeout(() => log.info('last'), 1600);
			setTimeout(() => {}, 1700);
		`;
		const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
			cwd: ROOT,
			encoding: 'utf8'
		});
		const order = out
			.trim()
			.split('\n')
			.map((line) => (line.startsWith('MARK') ? line : (JSON.parse(line) as { msg: string }).msg));
		expect(order).toEqual([
			'MARK held',
			'first',
			'second',
			'warning',
			'MARK after warning',
			'third',
			'MARK after the timer',
			'last'
		]);
	});
});
