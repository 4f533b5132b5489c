// dev.mailbox must ask which site a loopback request is for, not only where it comes from. A page on rebind.evil.example whose DNS name is re-pointed to 127.0.0.1 (DNS rebinding)
// fetches /api/trpc/dev.mailbox from the demo host's own browser: same-origin for the browser, from
// loopback for the server — and reads every reset and set-password link in the outbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleTrpcRequest } from '../../server/trpc/http';
import { recordingJar, signUpInput } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

describe('dev mailbox and DNS rebinding', () => {
	let t: TestApp;
	beforeEach(async () => {
		t = await createTestApp();
		await t.caller().auth.signUp(await signUpInput(t, { email: 'anna@example.org' }));
	});
	afterEach(async () => {
		await t.close();
	});

	it('refuses a loopback request addressed to another host name', async () => {
		const request = new Request('http://rebind.evil.example:3000/api/trpc/dev.mailbox', {
			method: 'GET',
			headers: { 'sec-fetch-site': 'same-origin', host: 'rebind.evil.example:3000' }
		});
		const response = await handleTrpcRequest(t.app, request, '127.0.0.1', recordingJar());
		const text = await response.text();
		expect(text).not.toContain('/konto/bestaetigen#token=');
		expect(response.status).toBe(404);
	});

	async function mailbox(
		headers: Record<string, string>,
		url = 'http://localhost:3000/api/trpc/dev.mailbox'
	) {
		const response = await handleTrpcRequest(
			t.app,
			new Request(url, { headers }),
			'127.0.0.1',
			recordingJar()
		);
		return { status: response.status, text: await response.text() };
	}

	it('answers our own page on our host', async () => {
		const own = await mailbox({ 'sec-fetch-site': 'same-origin', host: 'localhost:3000' });
		expect(own.status).toBe(200);
		expect(own.text).toContain('anna@example.org');
	});

	it('refuses another Host, another Origin, or no same-origin signal', async () => {
		const cases: Record<string, string>[] = [
			// SvelteKit may build the URL from ORIGIN: the Host header alone must count as well.
			{ 'sec-fetch-site': 'same-origin', host: 'rebind.evil.example:3000' },
			{ 'sec-fetch-site': 'same-origin', host: 'localhost:3000', origin: 'http://rebind.evil.example:3000' },
			{ host: 'localhost:3000', origin: 'http://rebind.evil.example:3000' },
			{ host: 'localhost:3000' },
			{ 'sec-fetch-site': 'none', host: 'localhost:3000' }
		];
		for (const headers of cases) {
			const answer = await mailbox(headers);
			expect(answer.status, JSON.stringify(headers)).toBe(404);
			expect(answer.text).not.toContain('anna@example.org');
		}
	});
});
