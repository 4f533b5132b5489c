// The browser's database (Dexie over IndexedDB): one per user, so that one family's data never
// mixes with another's on a shared device. Keep every version() step: browsers upgrade through them.
import Dexie, { type Table } from 'dexie';
import type { Facility, Municipality } from '$lib/domain/facility';
import type { KitaYear } from '$lib/domain/kita-year';
import type { CapacityRow, EntityName } from '$lib/sync/protocol';
import { session } from './session.svelte';

export interface Bookmark {
	facilityId: string;
	addedAt: string;
}

export interface MetaRow {
	key: 'clientId' | 'cookie' | 'lastSyncAt';
	value: string;
}

export class LocalDb extends Dexie {
	municipalities!: Table<Municipality, string>;
	kitaYears!: Table<KitaYear, string>;
	facilities!: Table<Facility, string>;
	capacities!: Table<CapacityRow, string>;
	bookmarks!: Table<Bookmark, string>;
	meta!: Table<MetaRow, string>;

	constructor(name: string) {
		super(name);
		this.version(1).stores({
			municipalities: 'id',
			kitaYears: 'id',
			facilities: 'id, municipalityId',
			capacities: 'key, facilityId',
			bookmarks: 'facilityId',
			meta: 'key'
		});
		// A fresh database gets a fresh clientId (DESIGN.md: mutation ids count per clientId).
		this.on('populate', (tx) => {
			void tx.table('meta').add({ key: 'clientId', value: crypto.randomUUID() });
		});
	}

	/** The tables filled by sync.pull, by entity name. */
	synced(): Record<EntityName, Table<unknown, string>> {
		return {
			municipalities: this.municipalities,
			kitaYears: this.kitaYears,
			facilities: this.facilities,
			capacities: this.capacities
		} as Record<EntityName, Table<unknown, string>>;
	}
}

export const ANONYMOUS = 'anon';

export function localDbName(userId: string): string {
	return `kita-portal-${userId}`;
}

let current: LocalDb | null = null;

/** The local database of the user on this device (anonymous until login). */
export function localDb(): LocalDb {
	const name = localDbName(session.user?.userId ?? ANONYMOUS);
	if (current?.name !== name) {
		current?.close();
		current = new LocalDb(name);
	}
	return current;
}

/** Deletes a user's local database (logout): nothing of theirs stays on a shared device. */
export async function deleteLocalDb(userId: string): Promise<void> {
	const name = localDbName(userId);
	if (current?.name === name) {
		current.close();
		current = null;
	}
	await Dexie.delete(name);
}
