// Retention (data protection): deletes or anonymises what the portal no longer needs, by server
// time, on a timer and by `npm run retention`. Periods come from the configuration (README).
// Only rows that still hold something to remove are touched, so a second run changes nothing.
//
// - Requests (Anmeldungen) go once the Kita year after their Kita year has ended, whatever their
//   status — the privacy page's promise, a ceiling no setting extends: deleted with their history,
//   their receipts (registrations) once no request is left on them, and the Kita's duplicate
//   suggestions for the child; every device that held them gets the deletion at its next pull
//   (sync_deletions), and a Kita's devices drop the child and its contacts once no request of the
//   child is left there. Contracts are not exempt: the Betreuungsvertrag is the Kita's own record,
//   kept in its own files; the portal only arranged the place. The family and the account stay.
// - Child-minding requests keep the same promise, their Kita year being the one their desired
//   start falls in (they register for care from that day): deleted with their internal note, and
//   dropped by the family's devices and the Fachberatung's, which also drop the child and the
//   family's contact once no child-minding request of theirs is left.
// - Closed requests (and child-minding requests) lose their free texts once their Kita year ended
//   more than `anonymiseAfterDays` ago.
// - A family is anonymised when all of its requests are closed and past that point, and its account
//   was not used since; such an account is deleted with it.
// - Parents' accounts never confirmed within `unconfirmedAccountDays` of signing up (or of the last
//   new link), and parents' accounts not used for `unusedAccountDays` (three years), are deleted as
//   a parent deleting the account would: open requests withdrawn, the family anonymised. An open
//   offer or a running contract holds the account until it is over. Office accounts are never
//   deleted here: admins deactivate them.
// - Audit entries older than `auditDays` are deleted.
// - Sent mails, expired sessions and links, old rate limits, solved captchas and sync rejections
//   older than `transientDays` are deleted, and so are the records of deletions for devices
//   (sync_deletions): a device that has not pulled since gets a reset instead.
// Unsent drafts live only in the browser; the client deletes them after 60 days at start.
import { sql } from 'kysely';
import { dayOfInstant, type Day } from '../../src/lib/domain/calendar-day';
import {
	childmindingClosed,
	cutoffInstant,
	requestClosed,
	requestKeptUntil,
	requestPastPromise,
	yearPastRetention,
	type RetentionPeriods
} from '../../src/lib/domain/retention';
import { defaultKitaYear, kitaYearIdOf, kitaYearStartYear } from '../../src/lib/domain/kita-year';
import type { ChildmindingStatus } from '../../src/lib/domain/childminding';
import type { RequestStatus } from '../../src/lib/domain/placement';
import { DEFAULT_ACCOUNT_RETENTION, type AccountRetentionPeriods } from '../config';
import type { Db, Executor } from '../db/database';
import { audit } from '../services/audit';
import { MAX_ATTEMPTS } from './mail-delivery';
import { accountDeletionBlockers, anonymiseFamily, removeParentAccount } from '../services/privacy';
import { pruneDeletions, recordDeletions, type Deletion } from '../sync/deletions';
import { poke } from '../events/poke';
import { nextSeq } from '../db/seq';
import { everyInterval, type IntervalJob } from './interval';

export interface RetentionDeps {
	db: Db;
	now: () => Date;
	/** The account periods default to the privacy page's promises (30 days, three years). */
	periods: RetentionPeriods & Partial<AccountRetentionPeriods>;
}

export interface RetentionResult {
	/** Requests past the privacy page's promise, deleted with their history. */
	requestsDeleted: number;
	requestEventsDeleted: number;
	/** Receipts (registrations) left without a request. */
	registrationsDeleted: number;
	duplicatesDeleted: number;
	/** Child-minding requests past the same promise (their start's Kita year), with their note. */
	childmindingDeleted: number;
	requestsCleared: number;
	childmindingCleared: number;
	familiesAnonymised: number;
	accountsDeleted: number;
	/** Of those, accounts never confirmed. */
	unconfirmedDeleted: number;
	/** Of those, accounts unused for `unusedAccountDays`. */
	unusedDeleted: number;
	/** Unconfirmed or unused accounts kept for now: an offer or a contract of a running year is open. */
	accountsHeld: number;
	auditDeleted: number;
	transientDeleted: number;
	/** Records of deletions for devices (sync_deletions) older than `transientDays`. */
	deletionsPruned: number;
}

/** The last day of the Kita year a child-minding request's start falls in (configured or 31 Jul). */
async function yearEnds(db: Executor): Promise<(startDate: Day) => Day> {
	const years = new Map(
		(await db.selectFrom('kita_years').select(['id', 'ends_on']).execute()).map((y) => [y.id, y.ends_on])
	);
	return (startDate) => {
		const id = kitaYearIdOf(startDate);
		return years.get(id) ?? defaultKitaYear(kitaYearStartYear(id) ?? Number(startDate.slice(0, 4))).endsOn;
	};
}

export async function runRetention(deps: RetentionDeps): Promise<RetentionResult> {
	const now = deps.now();
	const today = dayOfInstant(now);
	const periods = { ...DEFAULT_ACCOUNT_RETENTION, ...deps.periods };
	const result: RetentionResult = {
		requestsDeleted: 0,
		requestEventsDeleted: 0,
		registrationsDeleted: 0,
		duplicatesDeleted: 0,
		childmindingDeleted: 0,
		requestsCleared: 0,
		childmindingCleared: 0,
		familiesAnonymised: 0,
		accountsDeleted: 0,
		unconfirmedDeleted: 0,
		unusedDeleted: 0,
		accountsHeld: 0,
		auditDeleted: 0,
		transientDeleted: 0,
		deletionsPruned: 0
	};
	const poked = new Set<string>();
	await deps.db.transaction().execute(async (tx) => {
		let seq: number | null = null;
		const stamp = async () => (seq ??= await nextSeq(tx));
		const endOf = await yearEnds(tx);

		// Requests past the promise, before anything else looks at them.
		const removed = await removeRequestsPastPromise(tx, now, stamp);
		result.requestsDeleted = removed.requests;
		result.requestEventsDeleted = removed.events;
		result.registrationsDeleted = removed.registrations;
		result.duplicatesDeleted = removed.duplicates;
		for (const u of removed.poke) poked.add(u);
		const removedChildminding = await removeChildmindingPastPromise(tx, now, stamp, endOf);
		result.childmindingDeleted = removedChildminding.requests;
		for (const u of removedChildminding.poke) poked.add(u);
		const pastYears = (await tx.selectFrom('kita_years').select(['id', 'ends_on']).execute())
			.filter((y) => yearPastRetention(y.ends_on, today, periods))
			.map((y) => y.id);

		// Free texts of closed requests of long-ended years.
		if (pastYears.length) {
			const rows = await tx
				.selectFrom('requests')
				.select(['id', 'status'])
				.where('kita_year_id', 'in', pastYears)
				.where((eb) =>
					eb.or([
						eb('comment', '!=', ''),
						eb('offer_note', 'is not', null),
						eb('reject_note', 'is not', null)
					])
				)
				.execute();
			const ids = rows.filter((r) => requestClosed(r.status as RequestStatus)).map((r) => r.id);
			for (let i = 0; i < ids.length; i += 500) {
				const chunk = ids.slice(i, i + 500);
				await tx
					.updateTable('requests')
					.set({ comment: '', offer_note: null, reject_note: null, seq: await stamp() })
					.where('id', 'in', chunk)
					.execute();
			}
			result.requestsCleared = ids.length;
		}
		const childminding = await tx
			.selectFrom('childminder_requests')
			.select(['id', 'status', 'start_date'])
			.where((eb) => eb.or([eb('comment', '!=', ''), eb('internal_note', '!=', '')]))
			.execute();
		const cmIds = childminding
			.filter(
				(r) =>
					childmindingClosed(r.status as ChildmindingStatus) &&
					yearPastRetention(endOf(r.start_date), today, periods)
			)
			.map((r) => r.id);
		if (cmIds.length)
			await tx
				.updateTable('childminder_requests')
				.set({ comment: '', internal_note: '', seq: await stamp() })
				.where('id', 'in', cmIds)
				.execute();
		result.childmindingCleared = cmIds.length;

		// Families whose story is over, and whose account was not used since.
		const unusedSince = cutoffInstant(now, periods.anonymiseAfterDays);
		const families = await tx
			.selectFrom('families')
			.leftJoin('users', 'users.id', 'families.owner_user_id')
			.select([
				'families.id',
				'families.updated_at',
				'families.owner_user_id',
				'users.last_login_at',
				'users.created_at as user_created_at'
			])
			.where('families.anonymised_at', 'is', null)
			.execute();
		for (const family of families) {
			const lastUse = family.last_login_at ?? family.user_created_at;
			if (family.owner_user_id && lastUse && lastUse >= unusedSince) continue;
			const requests = await tx
				.selectFrom('requests')
				.innerJoin('children', 'children.id', 'requests.child_id')
				.innerJoin('kita_years', 'kita_years.id', 'requests.kita_year_id')
				.select(['requests.status', 'kita_years.ends_on'])
				.where('children.family_id', '=', family.id)
				.execute();
			const cms = await tx
				.selectFrom('childminder_requests')
				.select(['status', 'start_date'])
				.where('family_id', '=', family.id)
				.execute();
			const over =
				requests.every(
					(r) => requestClosed(r.status as RequestStatus) && yearPastRetention(r.ends_on, today, periods)
				) &&
				cms.every(
					(r) =>
						childmindingClosed(r.status as ChildmindingStatus) &&
						yearPastRetention(endOf(r.start_date), today, periods)
				);
			// A family that never registered anything is judged by when it last changed.
			const idle = requests.length + cms.length > 0 || family.updated_at < unusedSince;
			if (!over || !idle) continue;
			await anonymiseFamily(tx, family.id, await stamp(), now);
			result.familiesAnonymised++;
			if (family.owner_user_id) {
				await tx.deleteFrom('users').where('id', '=', family.owner_user_id).execute();
				result.accountsDeleted++;
				await audit(
					tx,
					{
						action: 'account.delete',
						actor: { userId: null, role: 'system' },
						targetType: 'user',
						targetId: family.owner_user_id
					},
					now
				);
			}
		}
		// Parents' accounts that never got as far as a family and were not used for the same period.
		const idleAccounts = await tx
			.selectFrom('users')
			.select('id')
			.where('role', '=', 'parent')
			.where((eb) =>
				eb.not(
					eb.exists(
						eb.selectFrom('families').select('id').whereRef('families.owner_user_id', '=', 'users.id')
					)
				)
			)
			.where((eb) => eb(eb.fn.coalesce('last_login_at', 'created_at'), '<', unusedSince))
			.execute();
		for (const account of idleAccounts) {
			await tx.deleteFrom('users').where('id', '=', account.id).execute();
			result.accountsDeleted++;
			await audit(
				tx,
				{
					action: 'account.delete',
					actor: { userId: null, role: 'system' },
					targetType: 'user',
					targetId: account.id
				},
				now
			);
		}

		// Parents' accounts whose address was never confirmed: counted from the last sign-up attempt,
		// which sends a new link, so that a link just sent still works.
		const unconfirmedSince = cutoffInstant(now, periods.unconfirmedAccountDays);
		const unconfirmed = await tx
			.selectFrom('users')
			.select('id')
			.where('role', '=', 'parent')
			.where('email_confirmed_at', 'is', null)
			.where('created_at', '<', unconfirmedSince)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('email_tokens')
							.select('email_tokens.id')
							.whereRef('email_tokens.user_id', '=', 'users.id')
							.where('email_tokens.purpose', '=', 'confirm')
							.where('email_tokens.created_at', '>=', unconfirmedSince)
					)
				)
			)
			.execute();
		// Parents' accounts not used for the promised time, whatever their family's requests.
		const unused = await tx
			.selectFrom('users')
			.select('id')
			.where('role', '=', 'parent')
			.where('email_confirmed_at', 'is not', null)
			.where((eb) =>
				eb(eb.fn.coalesce('last_login_at', 'created_at'), '<', cutoffInstant(now, periods.unusedAccountDays))
			)
			.execute();
		for (const [accounts, counter] of [
			[unconfirmed, 'unconfirmedDeleted'],
			[unused, 'unusedDeleted']
		] as const)
			for (const account of accounts) {
				// As for a parent's own request: not while an offer waits or a contract runs.
				if ((await accountDeletionBlockers(tx, account.id, now)).length) {
					result.accountsHeld++;
					continue;
				}
				for (const u of await removeParentAccount(tx, account.id, now, await stamp(), 'retention'))
					poked.add(u);
				result[counter]++;
				result.accountsDeleted++;
			}

		if (seq !== null) {
			// Kitas and the Fachberatung hold some of these rows: let them pull the anonymised state.
			const staff = await tx
				.selectFrom('users')
				.select('id')
				.where('role', 'in', ['staff', 'childminding'])
				.execute();
			for (const s of staff) poked.add(s.id);
		}

		// The audit trail itself, after its period.
		const audits = await tx
			.deleteFrom('audit_events')
			.where('at', '<', cutoffInstant(now, periods.auditDays))
			.executeTakeFirst();
		result.auditDeleted = Number(audits.numDeletedRows);

		// Short-lived records.
		const transient = cutoffInstant(now, periods.transientDays);
		const deletions = [
			tx.deleteFrom('mail_outbox').where('sent_at', 'is not', null).where('sent_at', '<', transient),
			// Mails that failed for good (the delivery job gave up) and are old.
			tx
				.deleteFrom('mail_outbox')
				.where('sent_at', 'is', null)
				.where('created_at', '<', transient)
				.where('attempts', '>=', MAX_ATTEMPTS),
			tx.deleteFrom('sessions').where('expires_at', '<', now.toISOString()),
			tx.deleteFrom('email_tokens').where('expires_at', '<', transient),
			tx.deleteFrom('captcha_solutions').where('expires_at', '<', now.toISOString()),
			tx
				.deleteFrom('rate_limits')
				.where('window_start', '<', transient)
				.where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now.toISOString())])),
			tx.deleteFrom('sync_rejections').where('created_at', '<', transient)
		];
		for (const query of deletions)
			result.transientDeleted += Number((await query.executeTakeFirst()).numDeletedRows);
		// Devices that pulled within the period have their deletions; older cookies get a reset.
		result.deletionsPruned = await pruneDeletions(tx, transient);

		// Accounts only held back change nothing.
		const { accountsHeld: _held, ...changes } = result;
		const changed = Object.values(changes).some((n) => n > 0);
		if (changed) {
			// What the run did, in counts only: never ids, names or addresses.
			const run = await tx
				.insertInto('retention_runs')
				.values({ at: now.toISOString(), counts: JSON.stringify(result) })
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit(
				tx,
				{
					action: 'retention.run',
					actor: { userId: null, role: 'system' },
					targetType: 'retentionRun',
					targetId: String(run.id)
				},
				now
			);
		}
	});
	poke(poked);
	// WAL mode keeps deleted pages until a checkpoint: make the deletion real on disk soon.
	await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(deps.db);
	return result;
}

interface Removed {
	requests: number;
	events: number;
	registrations: number;
	duplicates: number;
	/** Owners of the families that held the requests (staff are poked anyway). */
	poke: string[];
}

/**
 * Deletes the requests whose Kita year's following year has ended (privacy page), with their
 * events, their registrations once empty, and the Kita's duplicate suggestions for a child that
 * no longer has a request there; records the deletions for the devices that may hold the rows.
 */
async function removeRequestsPastPromise(
	tx: Executor,
	now: Date,
	stamp: () => Promise<number>
): Promise<Removed> {
	const today = dayOfInstant(now);
	const removed: Removed = { requests: 0, events: 0, registrations: 0, duplicates: 0, poke: [] };
	const years = await tx.selectFrom('kita_years').select(['id', 'ends_on']).execute();
	const ends = new Map(years.map((y) => [y.id, y.ends_on]));
	const due = years
		.filter((y) =>
			requestPastPromise(
				requestKeptUntil({ id: y.id, endsOn: y.ends_on }, (id) => ends.get(id)),
				today
			)
		)
		.map((y) => y.id);
	if (!due.length) return removed;
	const requests = await tx
		.selectFrom('requests')
		.innerJoin('children', 'children.id', 'requests.child_id')
		.leftJoin('children as root', 'root.id', 'children.merged_into')
		.select([
			'requests.id',
			'requests.facility_id',
			'requests.registration_id',
			'children.id as child_id',
			'children.family_id',
			'root.id as root_id',
			'root.family_id as root_family_id'
		])
		.where('requests.kita_year_id', 'in', due)
		.execute();
	if (!requests.length) return removed;
	const seq = await stamp();
	const deletions: Deletion[] = [];
	// The family that holds a request is the surviving record's (childrenHeldBy); a Kita's devices
	// hold it by facility.
	const holder = (r: (typeof requests)[number]) => r.root_family_id ?? r.family_id;
	const rootOf = (r: (typeof requests)[number]) => r.root_id ?? r.child_id;
	const byId = new Map(requests.map((r) => [r.id, r]));
	const ids = [...byId.keys()];
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		const events = await tx
			.selectFrom('request_events')
			.select(['id', 'request_id'])
			.where('request_id', 'in', chunk)
			.execute();
		for (const e of events) {
			const r = byId.get(e.request_id);
			if (r)
				deletions.push({
					entity: 'requestEvents',
					rowId: e.id,
					facilityId: r.facility_id,
					familyId: holder(r)
				});
		}
		removed.events += events.length;
		// Events go with their request (ON DELETE CASCADE).
		const gone = await tx.deleteFrom('requests').where('id', 'in', chunk).executeTakeFirst();
		removed.requests += Number(gone.numDeletedRows);
	}
	for (const r of requests)
		deletions.push({ entity: 'requests', rowId: r.id, facilityId: r.facility_id, familyId: holder(r) });

	// Receipts without a request left.
	const registrationIds = [...new Set(requests.map((r) => r.registration_id))];
	for (let i = 0; i < registrationIds.length; i += 500) {
		const chunk = registrationIds.slice(i, i + 500);
		const empty = await tx
			.selectFrom('registrations')
			.select('id')
			.where('id', 'in', chunk)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('requests')
							.select('requests.id')
							.whereRef('requests.registration_id', '=', 'registrations.id')
					)
				)
			)
			.execute();
		const emptyIds = new Set(empty.map((g) => g.id));
		if (emptyIds.size)
			await tx
				.deleteFrom('registrations')
				.where('id', 'in', [...emptyIds])
				.execute();
		removed.registrations += emptyIds.size;
		for (const r of requests)
			if (emptyIds.has(r.registration_id))
				deletions.push({
					entity: 'registrations',
					rowId: r.registration_id,
					facilityId: r.facility_id,
					familyId: holder(r)
				});
	}

	// Per Kita and child: the Kita's devices drop the records linked into the child and the families'
	// contacts no longer in its scope, and once no request of the child is left there the child
	// itself (the pull keeps whatever is still in the Kita's scope); the duplicate suggestions go.
	const pairs = new Map<string, { facilityId: string; rootId: string }>();
	for (const r of requests)
		pairs.set(`${r.facility_id}|${rootOf(r)}`, { facilityId: r.facility_id, rootId: rootOf(r) });
	const children = new Set<string>();
	for (const { facilityId, rootId } of pairs.values()) {
		const records = await tx
			.selectFrom('children')
			.select(['id', 'family_id'])
			.where((eb) => eb.or([eb('id', '=', rootId), eb('merged_into', '=', rootId)]))
			.execute();
		const recordIds = records.map((c) => c.id);
		for (const id of recordIds) children.add(id);
		// A family reaches a Kita only through its own requests there: its contacts (and its record
		// linked into the child) may go while the child still has a request there. The deletions are
		// offered; the pull keeps whatever is still in the Kita's scope.
		const familyIds = [...new Set(records.map((c) => c.family_id))];
		const guardians = await tx
			.selectFrom('guardians')
			.select('id')
			.where('family_id', 'in', familyIds)
			.execute();
		deletions.push(
			...recordIds
				.filter((id) => id !== rootId)
				.map((id) => ({ entity: 'children' as const, rowId: id, facilityId })),
			...familyIds.map((id) => ({ entity: 'families' as const, rowId: id, facilityId })),
			...guardians.map((g) => ({ entity: 'guardians' as const, rowId: g.id, facilityId }))
		);
		const left = await tx
			.selectFrom('requests')
			.select('id')
			.where('facility_id', '=', facilityId)
			.where('child_id', 'in', recordIds)
			.executeTakeFirst();
		if (left) continue;
		deletions.push({ entity: 'children' as const, rowId: rootId, facilityId });
		const candidates = await tx
			.selectFrom('duplicate_candidates')
			.select('id')
			.where('facility_id', '=', facilityId)
			.where('child_id', 'in', recordIds)
			.execute();
		if (candidates.length) {
			await tx
				.deleteFrom('duplicate_candidates')
				.where(
					'id',
					'in',
					candidates.map((c) => c.id)
				)
				.execute();
			removed.duplicates += candidates.length;
			deletions.push(
				...candidates.map((c) => ({ entity: 'duplicateCandidates' as const, rowId: c.id, facilityId }))
			);
		}
	}
	// The child's other requests: each Kita's "contract elsewhere" flag is computed afresh.
	const childIds = [...children];
	for (let i = 0; i < childIds.length; i += 500)
		await tx
			.updateTable('requests')
			.set({ seq })
			.where('child_id', 'in', childIds.slice(i, i + 500))
			.execute();
	await recordDeletions(tx, deletions, seq, now);
	removed.poke.push(...(await ownersOf(tx, [...new Set(requests.map(holder))])));
	return removed;
}

/** Owners of the families, for the poke. */
async function ownersOf(tx: Executor, familyIds: readonly string[]): Promise<string[]> {
	const out: string[] = [];
	for (let i = 0; i < familyIds.length; i += 500) {
		const owners = await tx
			.selectFrom('families')
			.select('owner_user_id')
			.where('id', 'in', familyIds.slice(i, i + 500))
			.where('owner_user_id', 'is not', null)
			.execute();
		for (const o of owners) if (o.owner_user_id) out.push(o.owner_user_id);
	}
	return out;
}

/**
 * Deletes the child-minding requests past the promise on registrations: their Kita year is the one
 * their desired start falls in (kept until the end of the following year). Records the deletions
 * for the family that held them and the one they were made in (the same unless a link moved them),
 * and for the Fachberatung — with the child and the family's contact once no child-minding request
 * of theirs is left.
 */
async function removeChildmindingPastPromise(
	tx: Executor,
	now: Date,
	stamp: () => Promise<number>,
	endOf: (startDate: Day) => Day
): Promise<{ requests: number; poke: string[] }> {
	const today = dayOfInstant(now);
	const ends = new Map(
		(await tx.selectFrom('kita_years').select(['id', 'ends_on']).execute()).map((y) => [y.id, y.ends_on])
	);
	const keptUntil = (startDate: Day) =>
		requestKeptUntil({ id: kitaYearIdOf(startDate), endsOn: endOf(startDate) }, (id) => ends.get(id));
	const rows = (
		await tx
			.selectFrom('childminder_requests as cr')
			.innerJoin('children', 'children.id', 'cr.child_id')
			.leftJoin('children as root', 'root.id', 'children.merged_into')
			.select([
				'cr.id',
				'cr.start_date',
				'cr.family_id',
				'cr.child_id',
				'children.family_id as child_family_id',
				'root.family_id as root_family_id'
			])
			.execute()
	).filter((r) => requestPastPromise(keptUntil(r.start_date), today));
	if (!rows.length) return { requests: 0, poke: [] };
	const seq = await stamp();
	const officeRole = 'childminding' as const;
	const deletions: Deletion[] = [];
	const families = new Set<string>();
	for (const r of rows) {
		const holder = r.root_family_id ?? r.child_family_id;
		for (const familyId of new Set([holder, r.family_id])) {
			deletions.push({ entity: 'childminderRequests', rowId: r.id, familyId });
			families.add(familyId);
		}
		deletions.push({ entity: 'childminderRequests', rowId: r.id, officeRole });
	}
	const ids = rows.map((r) => r.id);
	let deleted = 0;
	for (let i = 0; i < ids.length; i += 500) {
		const gone = await tx
			.deleteFrom('childminder_requests')
			.where('id', 'in', ids.slice(i, i + 500))
			.executeTakeFirst();
		deleted += Number(gone.numDeletedRows);
	}
	// The Fachberatung holds a child and a family's contact through their child-minding requests.
	for (const childId of new Set(rows.map((r) => r.child_id))) {
		const left = await tx
			.selectFrom('childminder_requests')
			.select('id')
			.where('child_id', '=', childId)
			.executeTakeFirst();
		if (!left) deletions.push({ entity: 'children', rowId: childId, officeRole });
	}
	for (const familyId of new Set(rows.map((r) => r.family_id))) {
		const left = await tx
			.selectFrom('childminder_requests')
			.select('id')
			.where('family_id', '=', familyId)
			.executeTakeFirst();
		if (left) continue;
		const guardians = await tx
			.selectFrom('guardians')
			.select('id')
			.where('family_id', '=', familyId)
			.execute();
		deletions.push(
			{ entity: 'families', rowId: familyId, officeRole },
			...guardians.map((g) => ({ entity: 'guardians' as const, rowId: g.id, officeRole }))
		);
	}
	await recordDeletions(tx, deletions, seq, now);
	return { requests: deleted, poke: await ownersOf(tx, [...families]) };
}

export type RetentionJob = IntervalJob<RetentionResult | null>;

export function startRetention(deps: RetentionDeps, intervalMs: number): RetentionJob {
	return everyInterval('Retention round', () => runRetention(deps), null, intervalMs);
}
