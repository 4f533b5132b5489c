// Which of the staff member's Kitas the staff pages show. Remembered on the device per user, so a
// shared office PC opens the last Kita again; a Kita no longer assigned falls back to the first.
import { session } from '../session.svelte';

const KEY = 'kita-portal:current-kita';

class CurrentKita {
	#chosen = $state<string | null>(typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY));

	/** The Kitas of the logged-in staff member. */
	get ids(): string[] {
		return session.user?.role === 'staff' ? session.user.facilityIds : [];
	}

	get id(): string | null {
		const ids = this.ids;
		return this.#chosen && ids.includes(this.#chosen) ? this.#chosen : (ids[0] ?? null);
	}

	set id(value: string | null) {
		this.#chosen = value;
		if (value) localStorage.setItem(KEY, value);
	}
}

export const currentKita = new CurrentKita();
