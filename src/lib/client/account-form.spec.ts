import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountForm, accountSchema } from './account-form.svelte';

const labels = () => ({ email: 'E-Mail', password: 'Passwort' });

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('AccountForm.submit with a schema loader', () => {
	it('validates with the loaded shared schema and keeps its error codes', async () => {
		const form = new AccountForm('login', labels);
		const action = vi.fn(async () => {});
		expect(await form.submit(accountSchema('loginSchema'), { email: 'kein-at', password: '' }, action)).toBe(
			false
		);
		expect(form.errors).toEqual({ email: 'emailInvalid', password: 'required' });
		expect(action).not.toHaveBeenCalled();
	});

	it('runs the action once with the parsed input, also when submitted again while the schema loads', async () => {
		const form = new AccountForm('login', labels);
		const action = vi.fn(async (_input: unknown) => {});
		const first = form.submit(
			accountSchema('loginSchema'),
			{ email: ' Eva@Example.org ', password: 'x' },
			action
		);
		const second = form.submit(
			accountSchema('loginSchema'),
			{ email: 'eva@example.org', password: 'x' },
			action
		);
		expect(await second).toBe(false);
		expect(await first).toBe(true);
		expect(action).toHaveBeenCalledTimes(1);
		expect(action).toHaveBeenCalledWith({ email: 'eva@example.org', password: 'x' });
		expect(form.errors).toEqual({});
	});

	it('says the network is gone when the schema cannot load', async () => {
		vi.stubGlobal('navigator', { onLine: false });
		const form = new AccountForm('login', labels);
		const action = vi.fn(async () => {});
		const failing = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
		expect(await form.submit(failing, { email: 'eva@example.org', password: 'x' }, action)).toBe(false);
		expect(form.failure).toEqual({ code: 'offline', fields: {} });
		expect(form.busy).toBe(false);
		expect(action).not.toHaveBeenCalled();
	});
});
