import { TRPCError } from '@trpc/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import {
	deliverDueMails,
	retryDelayMs,
	smtpTransport,
	startMailDelivery,
	type MailTransport
} from '../../server/jobs/mail-delivery';
import { createTestApp, type TestApp } from './harness';
import { mails, signUpInput } from './auth-helpers';
import { startSmtp } from './smtp';

/** Undoes quoted-printable (soft line breaks, =XX bytes) so that links can be read from the raw mail. */
function decodeQuotedPrintable(raw: string): string {
	const joined = raw.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < joined.length; i++) {
		const hex = joined.slice(i + 1, i + 3);
		if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else bytes.push(...Buffer.from(joined[i] ?? ''));
	}
	return Buffer.from(bytes).toString('utf8');
}

describe('mail delivery', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
	});
	afterEach(async () => {
		await t.close();
	});

	it('sends the confirmation mail over a real SMTP conversation, outside the request; the link works', async () => {
		const smtp = await startSmtp();
		const job = startMailDelivery(
			t.app.database.db,
			smtpTransport(smtp.url),
			t.app.config.mailFrom,
			t.clock.now,
			50
		);
		try {
			await t.caller().auth.signUp(await signUpInput(t, { email: 'anna@example.org' }));
			// The request only wrote the outbox.
			expect(smtp.received).toEqual([]);
			await expect.poll(() => smtp.received.length, { timeout: 10_000, interval: 50 }).toBe(1);
			const [mail] = smtp.received;
			expect(mail?.to).toEqual(['anna@example.org']);
			expect(mail?.from).toBe('noreply@kita-portal.invalid');
			const text = decodeQuotedPrintable(mail?.raw ?? '');
			expect(text).toContain('From: "Kita-Portal Kreis Soest" <noreply@kita-portal.invalid>');
			expect(text).toMatch(/Subject: .*Bitte_best/);
			expect(text).toContain('Guten Tag Anna Beispiel,');
			expect(text).toContain('Content-Type: text/html');
			const link = /http:\/\/localhost:3000\/konto\/bestaetigen#token=([a-z2-7]+)/.exec(text);
			expect(link?.[1]).toBeDefined();
			expect(await t.caller().auth.confirmEmail({ token: link?.[1] ?? '' })).toEqual({
				outcome: 'confirmed'
			});
			await expect.poll(async () => (await mails(t, 'anna@example.org'))[0]?.sent_at).not.toBeNull();
		} finally {
			job.stop();
			await smtp.close();
		}
	});

	it('retries a failed delivery with exponential backoff', async () => {
		await t.caller().auth.signUp(await signUpInput(t, { email: 'anna@example.org' }));
		let fail = true;
		const sent: string[] = [];
		const transport: MailTransport = {
			sendMail: async (message) => {
				if (fail)
					throw Object.assign(new Error('connection refused for anna@example.org'), { code: 'ECONNREFUSED' });
				sent.push(message.to);
			}
		};
		const db = t.app.database.db;
		expect(await deliverDueMails(db, transport, 'x@example.org', t.clock.now)).toBe(0);
		let [row] = await mails(t);
		expect(row?.attempts).toBe(1);
		expect(row?.last_error).toBe('ECONNREFUSED');
		expect(new Date(row?.next_attempt_at ?? '').getTime() - t.clock.now().getTime()).toBe(retryDelayMs(1));
		// Not due yet: nothing is tried.
		expect(await deliverDueMails(db, transport, 'x@example.org', t.clock.now)).toBe(0);
		expect((await mails(t))[0]?.attempts).toBe(1);
		t.clock.advance(retryDelayMs(1));
		await deliverDueMails(db, transport, 'x@example.org', t.clock.now);
		[row] = await mails(t);
		expect(row?.attempts).toBe(2);
		expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
		expect(new Date(row?.next_attempt_at ?? '').getTime() - t.clock.now().getTime()).toBe(retryDelayMs(2));
		fail = false;
		t.clock.advance(retryDelayMs(2));
		expect(await deliverDueMails(db, transport, 'x@example.org', t.clock.now)).toBe(1);
		expect(sent).toEqual(['anna@example.org']);
		[row] = await mails(t);
		expect(row?.sent_at).not.toBeNull();
		expect(await deliverDueMails(db, transport, 'x@example.org', t.clock.now)).toBe(0);
	});

	it('shows the outbox at dev.mailbox with clickable links, and refuses it without demo data', async () => {
		await t.caller().auth.signUp(await signUpInput(t, { email: 'anna@example.org' }));
		const [mail] = await t.caller().dev.mailbox();
		expect(mail).toMatchObject({
			to: 'anna@example.org',
			subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
			sentAt: null
		});
		expect(mail?.links).toHaveLength(2);
		expect(mail?.links.every((l) => l.startsWith('http://localhost:3000/konto/bestaetigen#'))).toBe(true);
		t.app.config.demoData = false;
		const error = await t
			.caller()
			.dev.mailbox()
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TRPCError);
		expect((error as TRPCError).code).toBe('NOT_FOUND');
	});

	it('builds links from ORIGIN and writes mails in the account locale', async () => {
		t.app.config.origin = 'https://kita.kreis-soest.example';
		await t.caller().auth.signUp(await signUpInput(t, { email: 'en@example.org', locale: 'en' }));
		const [mail] = await mails(t, 'en@example.org');
		expect(mail?.subject).toBe('Please confirm your email address');
		expect(mail?.text_body).toContain('Hello Anna Beispiel,');
		expect(mail?.text_body).toContain('https://kita.kreis-soest.example/konto/bestaetigen#token=');
		expect(mail?.text_body).not.toContain('localhost');
	});
});

describe('the app starts the delivery job only with SMTP_URL', () => {
	it('has no job without SMTP_URL and a stoppable one with it', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'kita-mailjob-'));
		const base = {
			...loadConfig({}),
			databasePath: join(dir, 'kita.db'),
			demoData: false,
			totpEncryptionKey: 'a1'.repeat(32),
			migrationsDir: resolve(import.meta.dirname, '../../migrations')
		};
		try {
			const without = await createApp(base);
			expect(without.mail).toBeNull();
			without.stopJobs();
			await without.database.close();
			const smtp = await startSmtp();
			const withSmtp = await createApp({ ...base, smtpUrl: smtp.url });
			expect(withSmtp.mail).not.toBeNull();
			expect(await withSmtp.mail?.runOnce()).toBe(0);
			withSmtp.stopJobs();
			await withSmtp.database.close();
			await smtp.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
