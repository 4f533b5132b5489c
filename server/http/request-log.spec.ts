import { describe, expect, it } from 'vitest';
import { captureLog, log, logRequest, maskEmails, type RequestLine } from '../log';
import { logRoute } from './request-log';

describe('logRoute', () => {
	it('drops the query string, where links carry tokens and tRPC its input', () => {
		expect(logRoute('/konto/bestaetigen?token=abc')).toBe('/konto/bestaetigen');
		expect(logRoute('/api/trpc/sync.pull?batch=1&input=%7B%7D')).toBe('/api/trpc/sync.pull');
	});

	it('keeps tRPC procedure names (a batch too) and nothing a client made up', () => {
		expect(logRoute('/api/trpc/auth.me,sync.pull?batch=1')).toBe('/api/trpc/auth.me,sync.pull');
		expect(logRoute('/api/trpc/erika@example.org')).toBe('/api/trpc/:unknown');
		expect(logRoute('/api/trpc/a%20b')).toBe('/api/trpc/:unknown');
	});

	it('turns segments with digits or other characters (ids, hashes, addresses) into :id', () => {
		expect(logRoute('/kitas')).toBe('/kitas');
		expect(logRoute('/kita/anfrage/0b7c2a4e-9f1d-4c55-8a8e-2f3b1c9d7e61')).toBe('/kita/anfrage/:id');
		expect(logRoute('/_app/immutable/chunks/Dx3k9.js')).toBe('/_app/immutable/chunks/:id');
		expect(logRoute('/max.mustermann@example.org/x')).toBe('/:id/x');
		expect(logRoute('/0151%202345678')).toBe('/:id');
	});
});

describe('error lines', () => {
	it('mask e-mail addresses in an error message and stack (an SMTP reply may quote one)', () => {
		const capture = captureLog();
		try {
			log.error(
				{ err: new Error('550 <erika.muster@example.org>: Recipient address rejected') },
				'mail failed'
			);
			log.error({ err: 'refused for max@example.org' }, 'job failed');
		} finally {
			capture.stop();
		}
		// The address is gone; a package path in the stack (node_modules/@vitest/…) stays readable.
		expect(capture.raw.join('')).not.toContain('erika.muster');
		expect(capture.raw.join('')).not.toMatch(/[\w.-]+@[\w-]+\.[a-z]{2,}/i);
		expect(capture.lines[0]).toMatchObject({
			level: 'error',
			err: { message: '550 <[e-mail]>: Recipient address rejected' }
		});
		expect(capture.lines[1]).toMatchObject({ err: 'refused for [e-mail]' });
		expect(maskEmails('a b.c@d.de, e@f.org')).toBe('a [e-mail], [e-mail]');
	});
});

describe('request lines', () => {
	const lines: RequestLine[] = [
		{ req: 'a1b2c3d4-1', method: 'GET', route: '/api/trpc/sync.pull', status: 200, ms: 1.2, aborted: false },
		{ req: 'a1b2c3d4-2', method: 'POST', route: '/kita/anfrage/:id', status: 500, ms: 0, aborted: true },
		// A route with characters JSON escapes, and a request without a method.
		{ req: 'x"y', method: undefined, route: '/a\\b"c/ä\n', status: 404, ms: 1234.5, aborted: false }
	];

	it('are written as pino writes the same fields, in the same order', () => {
		const capture = captureLog();
		try {
			for (const line of lines) {
				logRequest(line);
				const { aborted, ...fields } = line;
				log.info({ ...fields, ...(aborted ? { aborted } : {}) }, 'request');
			}
		} finally {
			capture.stop();
		}
		expect(capture.raw).toHaveLength(lines.length * 2);
		const withoutTime = (raw: string) => raw.replace(/"time":"[^"]+"/, '"time":""');
		for (let i = 0; i < lines.length; i++) {
			expect(withoutTime(capture.raw[2 * i] ?? '')).toBe(withoutTime(capture.raw[2 * i + 1] ?? ''));
			expect(capture.lines[2 * i]).toMatchObject({ level: 'info', msg: 'request', route: lines[i]?.route });
			expect(capture.lines[2 * i]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		}
	});

	it('are left out below info, as pino leaves them', () => {
		const capture = captureLog();
		const level = log.level;
		log.level = 'warn';
		try {
			logRequest(lines[0] as RequestLine);
		} finally {
			log.level = level;
			capture.stop();
		}
		expect(capture.raw).toEqual([]);
	});
});
