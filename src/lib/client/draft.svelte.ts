// Form drafts saved locally as they are typed: they survive reload, offline, a browser restart and
// (through adoptAnonymousData) the login. Create in a component's script (it uses effects).
import { nowIso } from './clock';
import { localDb } from './local-db';

export class Draft<T extends object> {
	value = $state() as T;
	loaded = $state(false);
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		readonly id: string,
		initial: () => T
	) {
		this.value = initial();
		void localDb()
			.drafts.get(id)
			.then((row) => {
				if (row) this.value = { ...initial(), ...(row.data as T) };
				this.loaded = true;
			});
		$effect(() => {
			const snapshot = $state.snapshot(this.value);
			if (!this.loaded) return;
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => void this.save(snapshot as T), 150);
		});
	}

	async save(data: T = $state.snapshot(this.value) as T): Promise<void> {
		await localDb().drafts.put({ id: this.id, data, updatedAt: nowIso() });
	}

	async discard(reset: () => T): Promise<void> {
		clearTimeout(this.#timer);
		await localDb().drafts.delete(this.id);
		this.value = reset();
	}
}
