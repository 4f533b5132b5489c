import { describe, expect, it, vi } from 'vitest';
import { oneSubmitAtATime } from './one-submit';

function submitEvent() {
	return { preventDefault: vi.fn(), stopPropagation: vi.fn() } as unknown as SubmitEvent & {
		preventDefault: ReturnType<typeof vi.fn>;
		stopPropagation: ReturnType<typeof vi.fn>;
	};
}

describe('oneSubmitAtATime', () => {
	it('ignores a second submit while the first runs, and takes the next one after', async () => {
		let finish: () => void = () => {};
		const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
		const submit = oneSubmitAtATime(run);
		const first = submit(submitEvent());
		await submit(submitEvent());
		expect(run).toHaveBeenCalledTimes(1);
		finish();
		await first;
		const third = submit(submitEvent());
		finish();
		await third;
		expect(run).toHaveBeenCalledTimes(2);
	});

	it('takes the next submit after a failed one', async () => {
		const run = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
		const submit = oneSubmitAtATime(run);
		await expect(submit(submitEvent())).rejects.toThrow('offline');
		await submit(submitEvent());
		expect(run).toHaveBeenCalledTimes(2);
	});

	it('keeps the browser from submitting, and an outer form from seeing it when asked', async () => {
		const inner = submitEvent();
		await oneSubmitAtATime(async () => {}, { stopPropagation: true })(inner);
		expect(inner.preventDefault).toHaveBeenCalled();
		expect(inner.stopPropagation).toHaveBeenCalled();
		const plain = submitEvent();
		await oneSubmitAtATime(async () => {})(plain);
		expect(plain.stopPropagation).not.toHaveBeenCalled();
	});
});
