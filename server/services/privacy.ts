// Data protection for families: everything held about a family as one export, anonymising a
// family (retention, deleted account), and deleting a parent's account.
//
// The export walks the foreign keys in sqlite_master from the account: every row that refers to
// the user, or to a row already found (family → children → requests → events …), is included.
// A table added later is exported without anyone having to remember it.
import { sql } from 'kysely';
import { deletionBlockers, type DeleteRefusal } from '../../src/lib/domain/youth-office';
import { compareDays, dayOfInstant } from '../../src/lib/domain/calendar-day';
import type { RequestStatus } from '../../src/lib/domain/placement';
import { sessionsEnded } from '../auth/session-ended';
import type { Db, Executor } from '../db/database';
import { audit } from './audit';
import { transitionRequest } from './requests';
import { usersConcerned } from './placement';
import { nextSeq } from '../sync/seq';

type Row = Record<string, unknown>;

export interface ForeignKey {
	table: string;
	column: string;
	references: string;
	referencedColumn: string;
}

/** Every foreign key of the schema, read from SQLite itself. */
export async function foreignKeys(db: Executor): Promise<ForeignKey[]> {
	const result = await sql<ForeignKey>`
		SELECT m.name AS "table", p."from" AS "column", p."table" AS "references", p."to" AS "referencedColumn"
		FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p
		WHERE m.type = 'table'
		ORDER BY m.name, p.id`.execute(db);
	return result.rows;
}

/**
 * Columns left out of the export, with the reason the page shows: secrets that would weaken the
 * account if the file got out, and what the parents' view never shows (FAQ: an offer's content;
 * the Fachberatung's internal notes; a Kita's notes on an Absage).
 */
export const WITHHELD: Record<string, Record<string, 'secret' | 'officeOnly'>> = {
	users: {
		password_hash: 'secret',
		totp_key: 'secret',
		totp_pending_key: 'secret',
		totp_last_step: 'secret'
	},
	sessions: { id: 'secret' },
	email_tokens: { id: 'secret' },
	recovery_codes: { code_hash: 'secret' },
	families: { claim_code_hash: 'secret' },
	requests: {
		offer_start_date: 'officeOnly',
		offer_weekly_hours: 'officeOnly',
		offer_note: 'officeOnly',
		reject_reason: 'officeOnly',
		reject_note: 'officeOnly'
	},
	childminder_requests: { internal_note: 'officeOnly' }
};

export interface FamilyExport {
	format: 'kita-portal-export/1';
	exportedAt: string;
	userId: string;
	/** Columns not included, per table. */
	withheld: { table: string; column: string; reason: 'secret' | 'officeOnly' }[];
	/** Rows by table name: every table that refers to the account or the family, empty ones too. */
	tables: Record<string, Row[]>;
}

function redact(table: string, row: Row): Row {
	const hidden = WITHHELD[table];
	if (!hidden) return row;
	return Object.fromEntries(Object.entries(row).filter(([column]) => !(column in hidden)));
}

/** Rows reachable from the user through foreign keys, by table (raw, before redaction). */
async function reachableRows(db: Executor, userId: string): Promise<Map<string, Map<number, Row>>> {
	const keys = (await foreignKeys(db)).filter((k) => k.table !== 'schema_migrations');
	const found = new Map<string, Map<number, Row>>();
	const tables = new Set<string>(['users']);
	// Every table that refers (transitively) to users gets a section, even if it holds no rows.
	for (let grew = true; grew;) {
		grew = false;
		for (const k of keys)
			if (tables.has(k.references) && !tables.has(k.table)) {
				tables.add(k.table);
				grew = true;
			}
	}
	for (const t of tables) found.set(t, new Map());
	const users = await sql<Row & { rowid: number }>`SELECT rowid, * FROM users WHERE id = ${userId}`.execute(
		db
	);
	for (const r of users.rows) found.get('users')?.set(r.rowid, r);
	for (let grew = true; grew;) {
		grew = false;
		for (const k of keys) {
			const source = found.get(k.references);
			const target = found.get(k.table);
			if (!source || !target || source.size === 0) continue;
			const values = [
				...new Set([...source.values()].map((r) => r[k.referencedColumn]).filter((v) => v !== null))
			];
			if (!values.length) continue;
			const rows = await sql<
				Row & { rowid: number }
			>`SELECT rowid, * FROM ${sql.table(k.table)} WHERE ${sql.ref(
				k.column
			)} IN (${sql.join(values as string[])})`.execute(db);
			for (const r of rows.rows)
				if (!target.has(r.rowid)) {
					target.set(r.rowid, r);
					grew = true;
				}
		}
	}
	return found;
}

/** Everything the portal holds about a parent's account and family. */
export async function exportFamilyData(db: Executor, userId: string, now: Date): Promise<FamilyExport> {
	const found = await reachableRows(db, userId);
	const tables: Record<string, Row[]> = {};
	const ids = new Set<string>([userId]);
	const addresses = new Set<string>();
	for (const [table, rows] of [...found.entries()].sort(([a], [b]) => a.localeCompare(b))) {
		tables[table] = [...rows.values()].map(({ rowid: _rowid, ...row }) => {
			if (typeof row.id === 'string') ids.add(row.id);
			if (typeof row.email === 'string' && row.email !== '') addresses.add(row.email);
			return redact(table, row);
		});
	}
	// Tables without foreign keys that still name the family: the audit trail and the mails.
	const idList = [...ids];
	tables.audit_events = idList.length
		? await db
				.selectFrom('audit_events')
				.selectAll()
				.where((eb) => eb.or([eb('actor_id', 'in', idList), eb('target_id', 'in', idList)]))
				.orderBy('id')
				.execute()
		: [];
	tables.mail_outbox = addresses.size
		? await db
				.selectFrom('mail_outbox')
				.select(['id', 'to_address', 'subject', 'text_body', 'kind', 'created_at', 'sent_at'])
				.where('to_address', 'in', [...addresses])
				.orderBy('created_at')
				.execute()
		: [];
	const withheld = Object.entries(WITHHELD).flatMap(([table, columns]) =>
		table in tables ? Object.entries(columns).map(([column, reason]) => ({ table, column, reason })) : []
	);
	return { format: 'kita-portal-export/1', exportedAt: now.toISOString(), userId, withheld, tables };
}

// ---------------------------------------------------------------------------------------------
// Anonymising

/**
 * Removes names, addresses, contact and free texts of a family in place and stamps the seq, so
 * that every client holding its rows (Kitas, Fachberatung) gets the anonymised version at its next
 * pull. Statuses, dates, Kitas and hours stay for the statistics; a birth date keeps its month
 * (the age band of a report still holds). Mails to the family's addresses are deleted.
 */
export async function anonymiseFamily(db: Executor, familyId: string, seq: number, now: Date): Promise<void> {
	const at = now.toISOString();
	const guardians = await db
		.selectFrom('guardians')
		.select('email')
		.where('family_id', '=', familyId)
		.execute();
	const owner = await db
		.selectFrom('families')
		.innerJoin('users', 'users.id', 'families.owner_user_id')
		.select('users.email')
		.where('families.id', '=', familyId)
		.executeTakeFirst();
	const addresses = [...guardians.map((g) => g.email), owner?.email ?? ''].filter((a) => a !== '');
	if (addresses.length) await db.deleteFrom('mail_outbox').where('to_address', 'in', addresses).execute();
	await db
		.updateTable('guardians')
		.set({
			first_name: '',
			last_name: '',
			street: '',
			postcode: '',
			town: '',
			phone: '',
			email: '',
			updated_at: at,
			seq
		})
		.where('family_id', '=', familyId)
		.execute();
	await db
		.updateTable('children')
		.set({
			first_name: '',
			last_name: '',
			birth_date: sql<string>`substr(birth_date, 1, 8) || '01'`,
			// Never matches a real child's key again (walk-in duplicate search).
			match_key: sql<string>`'anonymised|' || id`,
			updated_at: at,
			seq
		})
		.where('family_id', '=', familyId)
		.execute();
	const children = db.selectFrom('children').select('id').where('family_id', '=', familyId);
	await db
		.updateTable('requests')
		.set({ comment: '', offer_note: null, reject_note: null, updated_at: at, seq })
		.where('child_id', 'in', children)
		.execute();
	await db
		.updateTable('childminder_requests')
		.set({ comment: '', internal_note: '', updated_at: at, seq })
		.where('family_id', '=', familyId)
		.execute();
	await db
		.updateTable('registrations')
		.set({ submitted_by: null, seq })
		.where('family_id', '=', familyId)
		.execute();
	await db
		.updateTable('families')
		.set({ claim_code_hash: null, anonymised_at: at, updated_at: at, seq })
		.where('id', '=', familyId)
		.execute();
}

// ---------------------------------------------------------------------------------------------
// Deleting a parent's account

export type DeleteAccountOutcome = { ok: true; poke: string[] } | { ok: false; blockers: DeleteRefusal[] };

/** What stands in the way of deleting the account now (an open offer or a running contract). */
export async function accountDeletionBlockers(
	db: Executor,
	userId: string,
	now: Date
): Promise<DeleteRefusal[]> {
	const today = dayOfInstant(now);
	const rows = await db
		.selectFrom('requests')
		.innerJoin('children', 'children.id', 'requests.child_id')
		.innerJoin('families', 'families.id', 'children.family_id')
		.innerJoin('kita_years', 'kita_years.id', 'requests.kita_year_id')
		.select(['requests.status', 'kita_years.ends_on'])
		.where('families.owner_user_id', '=', userId)
		.execute();
	return deletionBlockers(
		rows.map((r) => ({ status: r.status, yearEnded: compareDays(today, r.ends_on) > 0 }))
	);
}

/** Who ends the account: the parent (on /konto/daten), or retention (unconfirmed or unused). */
export type AccountDeletionCause = 'parent' | 'retention';

/**
 * Deletes a parent's account inside the caller's transaction, the same way for both causes: open
 * requests are withdrawn (the Kitas see it), open child-minding requests too, the family is
 * anonymised, mails to the account's address go, and the account with its sessions, links and
 * devices is deleted. The caller checks the blockers first. Returns the other users to poke.
 */
export async function removeParentAccount(
	tx: Executor,
	userId: string,
	now: Date,
	seq: number,
	cause: AccountDeletionCause
): Promise<string[]> {
	const today = dayOfInstant(now);
	// Retention withdraws on the family's behalf: the step is the parent's, the record says who did it.
	const by =
		cause === 'parent'
			? { actorId: userId, actorRole: 'parent' as const }
			: { actorId: null, actorRole: 'system' as const };
	const family = await tx
		.selectFrom('families')
		.select('id')
		.where('owner_user_id', '=', userId)
		.executeTakeFirst();
	const concerned = new Set<string>();
	if (family) {
		const open = await tx
			.selectFrom('requests')
			.innerJoin('children', 'children.id', 'requests.child_id')
			.selectAll('requests')
			.where('children.family_id', '=', family.id)
			.where('requests.status', '=', 'registered')
			.execute();
		for (const row of open) {
			await transitionRequest(
				tx,
				row,
				{
					event: 'withdraw',
					actor: 'parent',
					...by,
					expectedStatus: row.status as RequestStatus,
					now,
					today,
					seq,
					reason: 'accountDeleted'
				},
				'office'
			);
			for (const u of await usersConcerned(tx, row.child_id)) concerned.add(u);
		}
		const childminding = await tx
			.updateTable('childminder_requests')
			.set({ status: 'withdrawn', updated_at: now.toISOString(), seq })
			.where('family_id', '=', family.id)
			.where('status', 'in', ['submitted', 'inContact'])
			.executeTakeFirst();
		if (childminding.numUpdatedRows > 0n) {
			const advisers = await tx.selectFrom('users').select('id').where('role', '=', 'childminding').execute();
			for (const a of advisers) concerned.add(a.id);
		}
		await anonymiseFamily(tx, family.id, seq, now);
	}
	const user = await tx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
	if (user) await tx.deleteFrom('mail_outbox').where('to_address', '=', user.email).execute();
	// Sessions, links, recovery codes, devices and their rejections go with it (ON DELETE CASCADE).
	await tx.deleteFrom('users').where('id', '=', userId).execute();
	// Its live-update streams stop (they check their session after this transaction).
	sessionsEnded(userId);
	await audit(
		tx,
		{
			action: 'account.delete',
			actor: cause === 'parent' ? { userId, role: 'parent' } : { userId: null, role: 'system' },
			targetType: 'user',
			targetId: userId
		},
		now
	);
	concerned.delete(userId);
	return [...concerned];
}

/** A parent deletes the account in one transaction; refused while an offer or a contract is open. */
export async function deleteParentAccount(db: Db, userId: string, now: Date): Promise<DeleteAccountOutcome> {
	return db.transaction().execute(async (tx) => {
		const blockers = await accountDeletionBlockers(tx, userId, now);
		if (blockers.length) return { ok: false, blockers };
		const poke = await removeParentAccount(tx, userId, now, await nextSeq(tx), 'parent');
		return { ok: true, poke };
	});
}
