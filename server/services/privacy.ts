// Data protection for families: everything held about a family as one export, and what stands in
// the way of deleting a parent's account. Anonymising and deleting are commands (server/commands/privacy/).
//
// The export walks the foreign keys in sqlite_master from the account: every row that refers to
// the user, or to a row already found (family → children → requests → events …), is included.
// A table added later is exported without anyone having to remember it.
import { sql } from 'kysely';
import { deletionBlockers, type DeleteRefusal } from '../../src/lib/domain/youth-office';
import { compareDays, dayOfInstant } from '../../src/lib/domain/calendar-day';
import type { Executor } from '../db/database';
import { engineOf } from '../db/engine';

type Row = Record<string, unknown>;

export interface ForeignKey {
	table: string;
	column: string;
	references: string;
	referencedColumn: string;
}

/** Every foreign key of the schema, read from the database itself. */
export async function foreignKeys(db: Executor): Promise<ForeignKey[]> {
	const result =
		engineOf(db) === 'sqlite'
			? await sql<ForeignKey>`
		SELECT m.name AS "table", p."from" AS "column", p."table" AS "references", p."to" AS "referencedColumn"
		FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p
		WHERE m.type = 'table'
		ORDER BY m.name, p.id`.execute(db)
			: await sql<ForeignKey>`
		SELECT c.conrelid::regclass::text AS "table", a.attname AS "column",
			c.confrelid::regclass::text AS "references", r.attname AS "referencedColumn"
		FROM pg_constraint c
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
		WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
		ORDER BY 1, c.oid`.execute(db);
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
	childminder_requests: { internal_note: 'officeOnly' },
	// A Kita's move of the child in its ranking: that it was moved is the family's, the staff's
	// reason and the neighbouring request (another family's) are not (parents never see positions).
	queue_moves: { reason: 'officeOnly', anchor_request_id: 'officeOnly' },
	// The youth office's file reference of a hardship decision; the decision's day stays.
	children: { hardship_reference: 'officeOnly' }
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

/** Tables that refer to the account but are selected on their own terms (see exportFamilyData). */
const SELECTED_APART: Record<string, true> = { mail_outbox: true };

/**
 * Foreign keys that name another record without making the row the family's: a move names the
 * request it was placed next to, which may be another family's.
 */
const NOT_OWNING = new Set(['queue_moves.anchor_request_id']);

/** A row's identity within one export: SQLite's rowid, PostgreSQL's physical address (ctid). */
type RowKey = number | string;

function rowIdentity(db: Executor) {
	return engineOf(db) === 'sqlite' ? sql.raw('rowid') : sql.raw('ctid::text');
}

/**
 * Rows reachable from the user through foreign keys, by table (raw, before redaction). A child is
 * the family's only while it sits in the family: a walk-in record linked into one of its children
 * stays in the walk-in family and is not theirs to export.
 */
async function reachableRows(db: Executor, userId: string): Promise<Map<string, Map<RowKey, Row>>> {
	const keys = (await foreignKeys(db)).filter(
		(k) =>
			k.table !== 'schema_migrations' &&
			!(k.table in SELECTED_APART) &&
			!NOT_OWNING.has(`${k.table}.${k.column}`)
	);
	const found = new Map<string, Map<RowKey, Row>>();
	const rowid = rowIdentity(db);
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
	const users = await sql<
		Row & { rowid: RowKey }
	>`SELECT ${rowid} AS rowid, * FROM users WHERE id = ${userId}`.execute(db);
	for (const r of users.rows) found.get('users')?.set(r.rowid, r);
	const ownFamilies = () => new Set([...(found.get('families')?.values() ?? [])].map((f) => f.id));
	const belongs = (table: string, row: Row) => table !== 'children' || ownFamilies().has(row.family_id);
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
				Row & { rowid: RowKey }
			>`SELECT ${rowid} AS rowid, * FROM ${sql.table(k.table)} WHERE ${sql.ref(
				k.column
			)} IN (${sql.join(values as string[])})`.execute(db);
			for (const r of rows.rows)
				if (!target.has(r.rowid) && belongs(k.table, r)) {
					target.set(r.rowid, r);
					grew = true;
				}
		}
	}
	return found;
}

/** Columns that name a person or another family's record: kept only when they are the family's own. */
const PERSON_COLUMNS: Record<string, 'user' | 'child' | 'family'> = {
	actor_id: 'user',
	asked_by: 'user',
	user_id: 'user',
	submitted_by: 'user',
	decided_by: 'user',
	handled_by: 'user',
	closed_by: 'user',
	child_id: 'child',
	match_child_id: 'child',
	merged_into: 'child',
	family_id: 'family'
};

/** What stands in an export for another family's record (never its id). */
export const ANOTHER_FAMILY = 'anotherFamily';

/** What stands in an exported mail for a link: the export must never hand out a working token. */
export const LINK_REMOVED = '[Link entfernt]';

/** Portal pages a mail may link to without a token; every other link is removed from an export. */
const TOKEN_FREE_PATH = /^\/(login|passwort-vergessen|familie|meine-anmeldungen(\/beleg\/[0-9a-f-]{36})?)$/;

/** A mail's text as the export shows it: links stay only where they carry no token. */
export function withoutTokenLinks(text: string): string {
	return text.replace(/https?:\/\/\S+/g, (link) => {
		try {
			const url = new URL(link);
			return !url.search && !url.hash && !url.username && TOKEN_FREE_PATH.test(url.pathname)
				? link
				: LINK_REMOVED;
		} catch {
			return LINK_REMOVED;
		}
	});
}

/**
 * Everything the portal holds about a parent's account and family (Art. 15 GDPR), found by foreign
 * keys from the account — never by matching an address or other free text. Other people appear only
 * by their role (staff, admin, …); another family's records only as ANOTHER_FAMILY.
 */
export async function exportFamilyData(db: Executor, userId: string, now: Date): Promise<FamilyExport> {
	const found = await reachableRows(db, userId);
	const own: Record<'user' | 'family' | 'child', Set<string>> = {
		user: new Set([userId]),
		family: new Set([...(found.get('families')?.values() ?? [])].map((f) => String(f.id))),
		child: new Set([...(found.get('children')?.values() ?? [])].map((c) => String(c.id)))
	};
	const roles = new Map(
		(await db.selectFrom('users').select(['id', 'role']).execute()).map((u) => [u.id, u.role as string])
	);
	const byRole = (row: Row): Row =>
		Object.fromEntries(
			Object.entries(row).map(([column, value]) => {
				// A column named …_by records who did something: a person, whatever table adds one later.
				const kind = PERSON_COLUMNS[column] ?? (column.endsWith('_by') ? 'user' : undefined);
				if (!kind || typeof value !== 'string' || own[kind].has(value)) return [column, value];
				return [column, kind === 'user' ? (roles.get(value) ?? 'formerUser') : ANOTHER_FAMILY];
			})
		);
	const tables: Record<string, Row[]> = {};
	const ids = new Set<string>([userId]);
	for (const [table, rows] of [...found.entries()].sort(([a], [b]) => a.localeCompare(b))) {
		tables[table] = [...rows.values()].map(({ rowid: _rowid, ...row }) => {
			if (typeof row.id === 'string') ids.add(row.id);
			return byRole(redact(table, row));
		});
	}
	// The audit trail has no foreign keys: entries by the account or about one of its rows.
	const idList = [...ids];
	tables.audit_events = (
		await db
			.selectFrom('audit_events')
			.selectAll()
			.where((eb) => eb.or([eb('actor_id', 'in', idList), eb('target_id', 'in', idList)]))
			.orderBy('id')
			.execute()
	).map(byRole);
	// Mails sent to the account's own confirmed address about the account or its family.
	const user = await db
		.selectFrom('users')
		.select(['email', 'email_confirmed_at'])
		.where('id', '=', userId)
		.executeTakeFirst();
	tables.mail_outbox = user?.email_confirmed_at
		? (
				await db
					.selectFrom('mail_outbox')
					.select(['id', 'to_address', 'subject', 'text_body', 'kind', 'created_at', 'sent_at'])
					.where('user_id', '=', userId)
					.where('to_address', '=', user.email)
					.where((eb) => eb.or([eb('family_id', 'is', null), eb('family_id', 'in', [...own.family, ''])]))
					.orderBy('created_at')
					.execute()
			).map((m) => ({ ...m, text_body: withoutTokenLinks(m.text_body) }))
		: [];
	const withheld = Object.entries(WITHHELD).flatMap(([table, columns]) =>
		table in tables ? Object.entries(columns).map(([column, reason]) => ({ table, column, reason })) : []
	);
	return { format: 'kita-portal-export/1', exportedAt: now.toISOString(), userId, withheld, tables };
}

// ---------------------------------------------------------------------------------------------
// Deleting a parent's account (the steps are commands: server/commands/privacy/)

/** What stands in the way of deleting the account now (an open offer or a running contract). */
export async function accountDeletionBlockers(
	db: Executor,
	userId: string,
	now: Date
): Promise<DeleteRefusal[]> {
	const today = dayOfInstant(now);
	const rows = await db
		.selectFrom('requests')
		.innerJoin('registrations', 'registrations.id', 'requests.registration_id')
		.innerJoin('families', 'families.id', 'registrations.family_id')
		.innerJoin('kita_years', 'kita_years.id', 'requests.kita_year_id')
		.select(['requests.status', 'kita_years.ends_on'])
		.where('families.owner_user_id', '=', userId)
		.execute();
	return deletionBlockers(
		rows.map((r) => ({ status: r.status, yearEnded: compareDays(today, r.ends_on) > 0 }))
	);
}
