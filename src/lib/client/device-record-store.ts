// Where the device record (src/lib/sync/device-record.ts) lives: localStorage, one entry per local
// database, so that it survives the browser evicting or emptying IndexedDB. No Dexie here: the
// lost-changes notice and the account page read it without loading the data layer.
import {
	parseLost,
	parseRecord,
	withLost,
	type DeviceRecord,
	type RecordedChange
} from '$lib/sync/device-record';

/** The owner as local databases are named (`anon` for the anonymous one). */
const ownerKey = (userId: string | null) => userId ?? 'anon';
const recordKey = (userId: string | null) => `kita-portal:device-record:${ownerKey(userId)}`;
const lostKey = (userId: string | null) => `kita-portal:lost-changes:${ownerKey(userId)}`;

function read(key: string): string | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
	} catch {
		return null;
	}
}

function write(key: string, value: string | null): void {
	try {
		if (value === null) localStorage.removeItem(key);
		else localStorage.setItem(key, value);
	} catch (error) {
		// Full or blocked storage: the database itself still holds the changes.
		console.warn('Device record not saved:', error);
	}
}

export function readRecord(userId: string | null): DeviceRecord | null {
	return parseRecord(read(recordKey(userId)));
}

export function writeRecord(userId: string | null, record: DeviceRecord): void {
	write(recordKey(userId), JSON.stringify(record));
}

/** Changes named lost and not yet dismissed by the user. */
export function readLost(userId: string | null): RecordedChange[] {
	return parseLost(read(lostKey(userId)));
}

export function addLost(userId: string | null, lost: RecordedChange[]): void {
	if (lost.length) write(lostKey(userId), JSON.stringify(withLost(readLost(userId), lost)));
}

export function dismissLost(userId: string | null): void {
	write(lostKey(userId), null);
}

/** Logout deletes the database on purpose: nothing of it is reported lost afterwards. */
export function forgetRecord(userId: string | null): void {
	write(recordKey(userId), null);
	write(lostKey(userId), null);
}
