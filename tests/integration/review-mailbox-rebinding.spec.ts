// Review: dev.mailbox trusts "loopback and no proxy header" but never asks which site the request
// is for. A page on rebind.evil.example whose DNS name is re-pointed to 127.0.0.1 (DNS rebinding)
// fetches /api/trpc/dev.mailbox from the demo host's own browser: same-origin for the browser, from
// loopback for the server — and reads every reset and set-password link in the outbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleTrpcRequest } from '../../server/trpc/http';
import { recordingJar, signUpInput } from './auth-helpers';
import { createTestApp, type TestApp } from './harness';

describe('review: dev mailbox and DNS rebinding', () => {
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
});
