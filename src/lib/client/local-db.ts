// The browser's database (Dexie over IndexedDB): one per user, so that one family's data never
// mixes with another's on a shared device.
import Dexie, { type Table } from 'dexie';
import type { Facility, Municipality } from '$lib/domain/facility';
import type { Child, Family, Guardian } from '$lib/domain/family';
import type { KitaYear } from '$lib/domain/kita-year';
import type { ChildminderRequest, Registration, Request, RequestEvent } from '$lib/domain/request';
import type { DuplicateCandidate, LinkQuestion } from '$lib/domain/staff';
import type { QueueMove } from '$lib/domain/allocation/moves';
import type { RoundProposal } from '$lib/domain/allocation/offer-round';
import type { CapacityRow, EntityName, Rejection } from '$lib/sync/protocol';
import { nextIdAfter } from '$lib/sync/device-record';
import { forgetRecord, readRecord } from './device-record-store';
import { session } from './session.svelte';

// The data layer's reactive queries (see data-layer.ts): Dexie loads with this module.
export { liveQuery } from 'dexie';

let readFailureReported = false;

/**
 * A live query failed (schema error, storage evicted, quota; issue 13): reported to the console
 * once, and a notice shown above the page (local-read-notice.ts, loaded only then).
 */
export function readFailed(error: unknown): void {
	if (readFailureReported) return;
	readFailureReported = true;
	console.error('Local database query failed:', error);
	if (typeof document === 'undefined') return;
	// A template literal: the catalogue compiler follows quoted imports and would copy the notice's
	// texts into every page's namespace; the module loads them itself, when needed.
	void import(`./local-read-notice`).then((notice) => notice.showLocalReadNotice());
}

export interface Bookmark {
	facilityId: string;
	addedAt: string;
}

export interface MetaRow {
	/** `firstSync`: a first sync under way — its continuation token and counts (sync/first-sync.ts). */
	key: 'clientId' | 'cookie' | 'lastSyncAt' | 'nextMutationId' | 'firstSync';
	value: string;
}

/** A mutation waiting for the server, in the order the user made it. */
export interface OutboxEntry {
	id: number;
	name: string;
	args: unknown;
	createdAt: string;
}

/** The server's version of a row that a pending mutation changed locally (`row` undefined: absent). */
export interface ShadowRow {
	key: string; // `${table}|${id}`
	table: EntityName;
	id: string;
	row?: unknown;
}

/** A refused mutation the user still has to see ("needs attention"). */
export interface LocalRejection extends Rejection {
	dismissed: 0 | 1;
}

/** Form contents saved as they are typed: they survive reload, offline and a browser restart. */
export interface Draft {
	id: string;
	data: unknown;
	updatedAt: string;
}

export class LocalDb extends Dexie {
	municipalities!: Table<Municipality, string>;
	kitaYears!: Table<KitaYear, string>;
	facilities!: Table<Facility, string>;
	capacities!: Table<CapacityRow, string>;
	bookmarks!: Table<Bookmark, string>;
	meta!: Table<MetaRow, string>;
	families!: Table<Family, string>;
	guardians!: Table<Guardian, string>;
	children!: Table<Child, string>;
	registrations!: Table<Registration, string>;
	requests!: Table<Request, string>;
	requestEvents!: Table<RequestEvent, string>;
	childminderRequests!: Table<ChildminderRequest, string>;
	duplicateCandidates!: Table<DuplicateCandidate, string>;
	linkQuestions!: Table<LinkQuestion, string>;
	queueMoves!: Table<QueueMove, string>;
	roundProposals!: Table<RoundProposal, string>;
	outbox!: Table<OutboxEntry, number>;
	shadows!: Table<ShadowRow, string>;
	rejections!: Table<LocalRejection, number>;
	drafts!: Table<Draft, string>;

	constructor(name: string) {
		super(name);
		// One declaration of the whole schema. Dexie (≥ 3) compares it with the one a device holds and
		// adds what is missing, so earlier steps need not be declared (local-db-upgrade.spec.ts opens
		// each shipped one); a step with an upgrade function would have to stay. Declaring the seven
		// steps made Dexie parse the schema over and over: 6.3 against 2.4 ms to construct, cold, in
		// Node, on every page's first load. Raise the version for a change.
		this.version(7).stores({
			municipalities: 'id',
			kitaYears: 'id',
			facilities: 'id, municipalityId',
			capacities: 'key, facilityId',
			bookmarks: 'facilityId, addedAt',
			meta: 'key',
			families: 'id',
			// The family page and the receipt list guardians by position: without the index Dexie
			// refused the query and the stored guardians showed as empty forms (issue 13).
			guardians: 'id, familyId, position',
			// Staff: the records linked into a child ("same child") carry its further contacts.
			children: 'id, familyId, mergedInto',
			registrations: 'id, childId',
			// Kita staff: the queue reads one Kita's requests of one Kita year.
			requests: 'id, childId, facilityId, status, registrationId, [facilityId+kitaYearId]',
			requestEvents: 'id, requestId',
			childminderRequests: 'id, childId',
			// Staff: walk-in duplicates to decide.
			duplicateCandidates: 'id, facilityId, status',
			// Parents: a Kita's questions whether an in-person registration is their child.
			linkQuestions: 'id, status',
			// Staff: their Kita's moves in its ranking by admission criteria, and the proposals of the
			// youth office's offer rounds for their Kitas (issue 17).
			queueMoves: 'id, facilityId',
			roundProposals: 'id, facilityId, status',
			outbox: 'id',
			shadows: 'key',
			rejections: 'mutationId, dismissed',
			drafts: 'id'
		});
		// A fresh database gets a fresh clientId (DESIGN.md: mutation ids count per clientId) — unless
		// the device record says this user's database held changes before: then the browser lost it
		// (issue 14, point 3), and the same clientId lets the server say which of them it received;
		// the ids go on above the highest ever queued, so that none repeats.
		this.on('populate', (tx) => {
			const record = readRecord(ownerOf({ name }));
			void tx.table('meta').add({ key: 'clientId', value: record?.clientId ?? crypto.randomUUID() });
			if (record) void tx.table('meta').add({ key: 'nextMutationId', value: String(nextIdAfter(record, 1)) });
		});
		// A database the browser emptied rather than deleted (no populate ran) has lost its clientId
		// too: before any query, it takes the recorded one back and counts on above the recorded ids,
		// so that a change queued now never reuses an id the server already applied.
		// A failure here must not hold the database back: the pages' own queries then report it (a
		// rejected ready handler left every query waiting, and the page "loading", for good).
		this.on('ready', (db) => restoreClientId(db as LocalDb).catch(() => {}), true);
	}

	/** The tables filled by sync.pull, by entity name. */
	synced(): Record<EntityName, Table<unknown, string>> {
		return {
			municipalities: this.municipalities,
			kitaYears: this.kitaYears,
			facilities: this.facilities,
			capacities: this.capacities,
			families: this.families,
			guardians: this.guardians,
			children: this.children,
			registrations: this.registrations,
			requests: this.requests,
			requestEvents: this.requestEvents,
			childminderRequests: this.childminderRequests,
			duplicateCandidates: this.duplicateCandidates,
			linkQuestions: this.linkQuestions,
			queueMoves: this.queueMoves,
			roundProposals: this.roundProposals
		} as Record<EntityName, Table<unknown, string>>;
	}

	/** Every table a sync transaction touches. */
	syncTables(): Table[] {
		return [...Object.values(this.synced()), this.meta, this.outbox, this.shadows, this.rejections];
	}
}

async function restoreClientId(db: LocalDb): Promise<void> {
	if (await db.meta.get('clientId')) return;
	const record = readRecord(ownerOf(db));
	await db.transaction('rw', db.meta, async () => {
		if (await db.meta.get('clientId')) return;
		const next = Number((await db.meta.get('nextMutationId'))?.value ?? '1');
		await db.meta.bulkPut([
			{ key: 'clientId', value: record?.clientId ?? crypto.randomUUID() },
			{ key: 'nextMutationId', value: String(nextIdAfter(record, next)) }
		]);
	});
}

export const ANONYMOUS = 'anon';

export function localDbName(userId: string): string {
	return `kita-portal-${userId}`;
}

/** The user a local database belongs to (null: the anonymous one), as push and pull name it. */
export function ownerOf(db: Pick<LocalDb, 'name'>): string | null {
	const userId = db.name.slice(localDbName('').length);
	return userId === ANONYMOUS ? null : userId;
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

/**
 * Work on the local database that nobody awaits (the sync indicator's reads, pruning at a start).
 * When the user changes (a login right after the page loaded), the previous user's database is
 * closed under it (localDb()): what it would have done belongs to a user no longer on screen, and
 * the next user's start does it again. Any other failure is reported.
 */
export function inBackground(work: Promise<unknown>): void {
	work.catch((error: unknown) => {
		if (!(error instanceof Error && error.name === 'DatabaseClosedError')) throw error;
	});
}

/** Deletes a user's local database (logout): nothing of theirs stays on a shared device. */
export async function deleteLocalDb(userId: string): Promise<void> {
	const name = localDbName(userId);
	if (current?.name === name) {
		current.close();
		current = null;
	}
	await Dexie.delete(name);
	forgetRecord(userId);
}

/**
 * After login: bookmarks and drafts made before login move into the user's own database, so a
 * registration started anonymously is not lost (the anonymous copy is cleared).
 */
export async function adoptAnonymousData(userId: string): Promise<void> {
	const anon = new LocalDb(localDbName(ANONYMOUS));
	const own = new LocalDb(localDbName(userId));
	try {
		const [bookmarks, drafts] = await Promise.all([anon.bookmarks.toArray(), anon.drafts.toArray()]);
		if (!bookmarks.length && !drafts.length) return;
		await own.transaction('rw', [own.bookmarks, own.drafts], async () => {
			for (const b of bookmarks) if (!(await own.bookmarks.get(b.facilityId))) await own.bookmarks.put(b);
			for (const d of drafts) {
				const mine = await own.drafts.get(d.id);
				if (!mine || mine.updatedAt < d.updatedAt) await own.drafts.put(d);
			}
		});
		await anon.transaction('rw', [anon.bookmarks, anon.drafts], async () => {
			await anon.bookmarks.clear();
			await anon.drafts.clear();
		});
	} finally {
		anon.close();
		own.close();
	}
}
