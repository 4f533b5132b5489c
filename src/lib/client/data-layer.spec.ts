import { beforeEach, describe, expect, it, vi } from 'vitest';

// Each test gets the module fresh: "first render done" is a once-per-page state.
async function fresh() {
	vi.resetModules();
	return import('./data-layer');
}

describe('afterRender', () => {
	beforeEach(() => performance.clearMarks());

	it('loads nothing before the first render, then once, whoever asks', async () => {
		const { afterRender, firstRenderDone, FIRST_RENDER_MARK } = await fresh();
		const load = vi.fn(async () => 'module');
		const get = afterRender(load);
		await Promise.resolve();
		expect(load).not.toHaveBeenCalled();
		firstRenderDone();
		expect(performance.getEntriesByName(FIRST_RENDER_MARK)).toHaveLength(1);
		expect(await get()).toBe('module');
		expect(await get()).toBe('module');
		expect(load).toHaveBeenCalledTimes(1);
	});

	it('starts right after the first render without being asked (offline use before the worker)', async () => {
		const { afterRender, firstRenderDone } = await fresh();
		const load = vi.fn(async () => 'module');
		afterRender(load);
		firstRenderDone();
		await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
	});

	it('starts in a task of its own, not in the task of the render (a long one on a phone)', async () => {
		const { afterRender, afterFirstRender, firstRenderDone } = await fresh();
		const load = vi.fn(async () => 'module');
		afterRender(load);
		let waited = false;
		void afterFirstRender().then(() => (waited = true));
		firstRenderDone();
		for (let i = 0; i < 10; i++) await Promise.resolve();
		expect(load).not.toHaveBeenCalled();
		expect(waited).toBe(false);
		await new Promise((next) => setTimeout(next, 0));
		expect(load).toHaveBeenCalledTimes(1);
		expect(waited).toBe(true);
	});

	it('tries a failed load again at the next use', async () => {
		const { afterRender, firstRenderDone } = await fresh();
		const load = vi
			.fn<() => Promise<string>>()
			.mockRejectedValueOnce(new Error('offline'))
			.mockResolvedValue('module');
		const get = afterRender(load);
		firstRenderDone();
		await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
		await expect(get()).resolves.toBe('module');
		expect(load).toHaveBeenCalledTimes(2);
	});
});

describe('db', () => {
	it('refuses use before the data layer loaded, naming what was asked for', async () => {
		const { db } = await fresh();
		expect(() => db.facilities).toThrow(/before the data layer loaded \(facilities\)/);
	});
});
