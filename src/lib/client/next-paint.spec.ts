import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFirstPaint } from './next-paint';

/** A stand-in for the browser's PerformanceObserver: `paint(name)` delivers a paint entry. */
class FakeObserver {
	static supportedEntryTypes = ['paint'];
	static current: FakeObserver | undefined;
	disconnected = false;
	constructor(private readonly callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {
		FakeObserver.current = this;
	}
	observe() {}
	disconnect() {
		this.disconnected = true;
	}
	paint(name: string) {
		this.callback({ getEntriesByName: (wanted) => (wanted === name ? [{ name }] : []) });
	}
}

describe('afterFirstPaint', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.stubGlobal('PerformanceObserver', FakeObserver);
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('waits for the first contentful paint, not for a paint without content', async () => {
		let resolved = false;
		void afterFirstPaint(300).then(() => (resolved = true));
		FakeObserver.current?.paint('first-paint');
		await vi.advanceTimersByTimeAsync(100);
		expect(resolved).toBe(false);
		FakeObserver.current?.paint('first-contentful-paint');
		await vi.advanceTimersByTimeAsync(0);
		expect(resolved).toBe(true);
		expect(FakeObserver.current?.disconnected).toBe(true);
	});

	it('gives up waiting after the fallback (a hidden tab paints nothing)', async () => {
		let resolved = false;
		void afterFirstPaint(300).then(() => (resolved = true));
		await vi.advanceTimersByTimeAsync(299);
		expect(resolved).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(resolved).toBe(true);
	});

	it('waits for two frames where the browser has no paint timing', async () => {
		vi.stubGlobal('PerformanceObserver', { supportedEntryTypes: [] });
		const frames: (() => void)[] = [];
		vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
		let resolved = false;
		void afterFirstPaint(300).then(() => (resolved = true));
		frames.shift()?.();
		await vi.advanceTimersByTimeAsync(0);
		expect(resolved).toBe(false);
		frames.shift()?.();
		await vi.advanceTimersByTimeAsync(0);
		expect(resolved).toBe(true);
	});
});
