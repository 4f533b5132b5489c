// Form drafts saved locally as they are typed: they survive reload, offline, a browser restart and
// (through adoptAnonymousData) the login. Create in a component's script (it uses effects).
// A draft is only what the user typed: a form left as it started is not saved, so that stored data
// arriving later (a sync on a second device) fills the form instead of an empty draft hiding it.
import { nowIso } from './clock';
import { openLocalDb } from './data-layer';

/** Nothing typed: every field but the id empty (earlier versions saved such a draft on every visit). */
function isEmptyDraft(data: object): boolean {
	return Object.entries(data).every(
		([key, value]) =>
			key === 'id' ||
			value === '' ||
			value === null ||
			value === false ||
			(Array.isArray(value) && !value.length)
	);
}

export class Draft<T extends object> {
	value = $state() as T;
	loaded = $state(false);
	/** Where the form started (stored data or a blank), as JSON: equal to it means nothing typed. */
	#base: string;

	constructor(
		readonly id: string,
		initial: () => T
	) {
		this.value = initial();
		this.#base = JSON.stringify(this.value);
		void openLocalDb()
			.then((db) => db.drafts.get(id))
			.then((row) => {
				if (row && !isEmptyDraft(row.data as T)) this.value = { ...initial(), ...(row.data as T) };
				this.loaded = true;
			});
		// Saved on every change, not debounced: a reload or a closed tab right after typing loses nothing.
		$effect(() => {
			const snapshot = $state.snapshot(this.value) as T;
			if (!this.loaded) return;
			if (JSON.stringify(snapshot) === this.#base) void this.forget();
			else void this.save(snapshot);
		});
	}

	/**
	 * The stored data the form shows changed (it arrived by sync, or was saved): an untouched form
	 * shows it; a form the user typed in keeps what was typed.
	 */
	follow(next: T): void {
		const untouched = JSON.stringify($state.snapshot(this.value)) === this.#base;
		this.#base = JSON.stringify(next);
		if (untouched) this.value = next;
	}

	async save(data: T = $state.snapshot(this.value) as T): Promise<void> {
		await (await openLocalDb()).drafts.put({ id: this.id, data, updatedAt: nowIso() });
	}

	async forget(): Promise<void> {
		await (await openLocalDb()).drafts.delete(this.id);
	}

	async discard(reset: () => T): Promise<void> {
		await this.forget();
		this.value = reset();
	}
}
