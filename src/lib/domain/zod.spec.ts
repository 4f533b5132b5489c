import { afterEach, describe, expect, it, vi } from 'vitest';

describe('zod as the schemas use it', () => {
	afterEach(async () => {
		Reflect.deleteProperty(globalThis, 'window');
		const { z } = await import('./zod');
		z.config({ jitless: false });
	});

	it('keeps its compiled object checks on the server', async () => {
		vi.resetModules();
		const { z } = await import('./zod');
		expect(z.config().jitless).toBeFalsy();
		expect(z.object({ a: z.string() }).parse({ a: 'x' })).toEqual({ a: 'x' });
	});

	it('checks without compiling in a browser, where the CSP refuses `new Function`', async () => {
		vi.resetModules();
		Reflect.set(globalThis, 'window', {});
		const { z } = await import('./zod');
		expect(z.config().jitless).toBe(true);
		expect(z.object({ a: z.string() }).safeParse({ a: 1 }).success).toBe(false);
	});
});
