import { describe, expect, it } from 'vitest';
import { errorSerializer, maskEmails } from './log';

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
