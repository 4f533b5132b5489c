// The mutation side (loaded with the first write, see mutate.ts): validate with the shared schema,
// then write the outbox entry and its optimistic effect in one Dexie transaction, then ask the
// engine to push. Each queued change is also noted in the device record (outside IndexedDB), so
// that a database the browser loses is noticed and the change named (issue 14, point 3).
import { MUTATION_ARGS, type MutationArgs, type MutationName } from '$lib/domain/mutations';
import { recordedChange, withoutChange, withQueued, type ChangeNames } from '$lib/sync/device-record';
import { readRecord, writeRecord } from '../device-record-store';
import { localDb, ownerOf, type LocalDb } from '../local-db';
import { applyClientMutator } from '../mutators';
import { mutationWritten } from './mutation-events';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What the device knows of the child, Kita and request a change is about (read before it applies). */
export async function namesOf(db: LocalDb, args: unknown): Promise<ChangeNames> {
	const a = (args ?? {}) as Record<string, unknown>;
	const children = new Map<string, string>();
	const facilities = new Map<string, string>();
	const requests: ChangeNames['requests'] = [];
	const childminding: ChangeNames['childminding'] = [];
	const childIds = new Set<string>();
	const facilityIds = new Set<string>();
	if (text(a.childId)) childIds.add(text(a.childId));
	if (text(a.facilityId)) facilityIds.add(text(a.facilityId));
	if (Array.isArray(a.items))
		for (const item of a.items as Record<string, unknown>[])
			if (text(item.facilityId)) facilityIds.add(text(item.facilityId));
	const request = text(a.requestId) ? await db.requests.get(text(a.requestId)) : undefined;
	if (request) {
		requests.push([request.id, { childId: request.childId, facilityId: request.facilityId }]);
		childIds.add(request.childId);
		facilityIds.add(request.facilityId);
	}
	const minding = text(a.id) ? await db.childminderRequests.get(text(a.id)) : undefined;
	if (minding) {
		childminding.push([minding.id, { childId: minding.childId }]);
		childIds.add(minding.childId);
	}
	for (const id of childIds) {
		const child = await db.children.get(id);
		if (child) children.set(id, `${child.firstName} ${child.lastName}`.trim());
	}
	for (const id of facilityIds) {
		const facility = await db.facilities.get(id);
		if (facility) facilities.set(id, facility.name);
	}
	return {
		...(children.size ? { children: [...children] } : {}),
		...(facilities.size ? { facilities: [...facilities] } : {}),
		...(requests.length ? { requests } : {}),
		...(childminding.length ? { childminding } : {})
	};
}

/**
 * Queues a mutation. Throws the schema's ZodError when the input is invalid (the form shows it);
 * returns the mutation id once it is safely in the outbox.
 */
export async function queueMutation<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<number> {
	const parsed = MUTATION_ARGS[name].parse(args);
	const db = localDb();
	const owner = ownerOf(db);
	let noted: number | undefined;
	try {
		const id = await db.transaction('rw', db.syncTables(), async () => {
			const next = Number((await db.meta.get('nextMutationId'))?.value ?? '1');
			await db.meta.put({ key: 'nextMutationId', value: String(next + 1) });
			await db.outbox.add({ id: next, name, args: parsed, createdAt: new Date().toISOString() });
			const clientId = (await db.meta.get('clientId'))?.value;
			// Noted inside the transaction: a tab checking for lost changes (also in a transaction over
			// the outbox) sees the note only together with the entry.
			if (clientId) {
				const change = recordedChange(
					next,
					name,
					parsed,
					await namesOf(db, parsed),
					new Date().toISOString()
				);
				writeRecord(owner, withQueued(readRecord(owner), { userId: owner, clientId }, change));
				noted = next;
			}
			await applyClientMutator(db, name, parsed);
			return next;
		});
		mutationWritten();
		return id;
	} catch (error) {
		// Rolled back: the change never was, so it must never be named lost.
		const record = noted === undefined ? null : readRecord(owner);
		if (record && noted !== undefined) writeRecord(owner, withoutChange(record, noted));
		throw error;
	}
}
