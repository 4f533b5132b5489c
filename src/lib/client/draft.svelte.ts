// Form drafts saved locally as they are typed: they survive reload, offline, a browser restart and
// (through adoptAnonymousData) the login. Create in a component's script (it uses effects).
import { nowIso } from './clock';
import { openLocalDb } from './data-layer';

export class Draft<T extends object> {
	value = $state() as T;
	loaded = $state(false);

	constructor(
		readonly id: string,
		initial: () => T
	) {
		this.value = initial();
		void openLocalDb()
			.then((db) => db.drafts.get(id))
			.then((row) => {
				if (row) this.value = { ...initial(), ...(row.data as T) };
				this.loaded = true;
			});
		// Saved on every change, not debounced: a reload or a closed tab right after typing loses nothing.
		$effect(() => {
			const snapshot = $state.snapshot(this.value) as T;
			if (this.loaded) void this.save(snapshot);
		});
	}

	async save(data: T = $state.snapshot(this.value) as T): Promise<void> {
		await (await openLocalDb()).drafts.put({ id: this.id, data, updatedAt: nowIso() });
	}

	async discard(reset: () => T): Promise<void> {
		await (await openLocalDb()).drafts.delete(this.id);
		this.value = reset();
	}
}
