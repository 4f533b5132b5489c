// What a device queued for the server, kept outside IndexedDB (in localStorage) so that a local
// database the browser evicted or emptied is noticed and the changes it took with it are named
// (issue 14, point 3). Pure functions over the record; the client stores it (client/device-record.ts).

/** What the device knew about the rows a change was about, to name it even once its database is gone. */
export interface ChangeNames {
	/** Child id → "first last". */
	children?: [string, string][];
	/** Facility id → name. */
	facilities?: [string, string][];
	requests?: [string, { childId: string; facilityId: string }][];
	childminding?: [string, { childId: string }][];
}

/** A change queued on this device and not yet acknowledged by the server. */
export interface RecordedChange {
	id: number;
	name: string;
	/** The mutation's arguments, when small enough to keep (they name a walk-in's child, a Kita). */
	args?: unknown;
	names: ChangeNames;
	/** When it was made (ISO). */
	at: string;
}

/** One local database's record: whose it is, its client id and what it still waits for. */
export interface DeviceRecord {
	userId: string | null;
	clientId: string;
	/** The highest mutation id ever queued with this client id: a new database goes on above it. */
	highest: number;
	pending: RecordedChange[];
}

/** Arguments larger than this are not kept (a Kita's description): the change is named without them. */
export const MAX_ARGS_CHARS = 2000;

/** The change as the record keeps it. */
export function recordedChange(
	id: number,
	name: string,
	args: unknown,
	names: ChangeNames,
	at: string
): RecordedChange {
	const small = args !== undefined && JSON.stringify(args).length <= MAX_ARGS_CHARS;
	return small ? { id, name, args, names, at } : { id, name, names, at };
}

/** The record after a change was queued (a record of another client id is replaced). */
export function withQueued(
	record: DeviceRecord | null,
	owner: { userId: string | null; clientId: string },
	change: RecordedChange
): DeviceRecord {
	const base =
		record && record.clientId === owner.clientId
			? record
			: { userId: owner.userId, clientId: owner.clientId, highest: 0, pending: [] };
	return {
		...base,
		highest: Math.max(base.highest, change.id),
		pending: [...base.pending.filter((c) => c.id !== change.id), change].sort((a, b) => a.id - b.id)
	};
}

/** The record after a queued change was rolled back (its transaction failed: it never existed). */
export function withoutChange(record: DeviceRecord, id: number): DeviceRecord {
	return { ...record, pending: record.pending.filter((c) => c.id !== id) };
}

export interface Settled {
	record: DeviceRecord;
	/** Changes the server did not receive and the device no longer holds: gone. */
	lost: RecordedChange[];
	/** Mutation ids the server waits for that no outbox holds any more (see `holes`). */
	holes: number[];
}

/**
 * Compares the record with what the server acknowledged (`lastMutationId`, from the pull) and what
 * the local outbox still holds: acknowledged changes leave the record; a change above the server's
 * id that the outbox no longer holds was lost with the database. Call it where no other tab can
 * queue in between (inside a transaction over the outbox), else a change being queued looks lost.
 */
export function settle(
	record: DeviceRecord,
	lastMutationId: number,
	outboxIds: readonly number[],
	nextMutationId: number
): Settled {
	const held = new Set(outboxIds);
	const lost = record.pending.filter((c) => c.id > lastMutationId && !held.has(c.id));
	const pending = record.pending.filter((c) => c.id > lastMutationId && held.has(c.id));
	return {
		record: { ...record, pending },
		lost,
		holes: holes(lastMutationId, outboxIds, Math.max(nextMutationId - 1, record.highest))
	};
}

/**
 * Mutation ids between the server's last and the highest queued that no outbox holds: the server
 * applies a client's mutations only in order, so without a stand-in for each (see LOST_ON_DEVICE)
 * every later change of this client would wait for them for ever.
 */
export function holes(lastMutationId: number, outboxIds: readonly number[], highest: number): number[] {
	const held = new Set(outboxIds);
	const missing: number[] = [];
	for (let id = lastMutationId + 1; id <= highest; id++) if (!held.has(id)) missing.push(id);
	return missing;
}

/** The first mutation id a database re-created from this record may use: ids never repeat. */
export function nextIdAfter(record: DeviceRecord | null, current: number): number {
	return Math.max(current, (record?.highest ?? 0) + 1);
}

function isChange(value: unknown): value is RecordedChange {
	const c = value as Partial<RecordedChange> | null;
	return (
		typeof c === 'object' &&
		c !== null &&
		Number.isInteger(c.id) &&
		typeof c.name === 'string' &&
		typeof c.at === 'string' &&
		typeof c.names === 'object' &&
		c.names !== null
	);
}

/** A stored record, or null when there is none or it is not one (written by an unknown version). */
export function parseRecord(raw: string | null): DeviceRecord | null {
	if (!raw) return null;
	try {
		const value = JSON.parse(raw) as Partial<DeviceRecord>;
		if (
			typeof value.clientId !== 'string' ||
			!Number.isInteger(value.highest) ||
			!Array.isArray(value.pending) ||
			!(typeof value.userId === 'string' || value.userId === null)
		)
			return null;
		return {
			userId: value.userId,
			clientId: value.clientId,
			highest: value.highest ?? 0,
			pending: value.pending.filter(isChange)
		};
	} catch {
		return null;
	}
}

/** Stored lost changes (the notice's list), or none. */
export function parseLost(raw: string | null): RecordedChange[] {
	if (!raw) return [];
	try {
		const value = JSON.parse(raw) as unknown;
		return Array.isArray(value) ? value.filter(isChange) : [];
	} catch {
		return [];
	}
}

/** The notice's list with newly lost changes added (each once). */
export function withLost(known: RecordedChange[], lost: RecordedChange[]): RecordedChange[] {
	const ids = new Set(known.map((c) => `${c.id}|${c.at}`));
	return [...known, ...lost.filter((c) => !ids.has(`${c.id}|${c.at}`))];
}
