// Reading the audit trail for admins: filtered by actor, target, action and days (Europe/Berlin),
// newest first, a page at a time.
import { addDays, dayOfInstant, type Day } from '../../src/lib/domain/calendar-day';
import { AUDIT_PAGE_SIZE, type AuditFilter } from '../../src/lib/domain/youth-office';
import type { Executor } from '../db/database';
import { AUDIT_ACTIONS } from './audit';

export interface AuditLogEntry {
	id: number;
	at: string;
	actorId: string | null;
	actorRole: string | null;
	/** The actor's address while the account exists; the entry itself holds only the id. */
	actorEmail: string | null;
	action: string;
	targetType: string | null;
	targetId: string | null;
	outcome: string;
}

/** The first instant of a day in Europe/Berlin (00:00 local, +01:00 or +02:00). */
export function berlinDayStart(day: Day): string {
	const midnightUtc = Date.parse(`${day}T00:00:00Z`);
	for (const hours of [1, 2]) {
		const candidate = midnightUtc - hours * 3600_000;
		if (dayOfInstant(new Date(candidate)) === day && dayOfInstant(new Date(candidate - 1)) !== day)
			return new Date(candidate).toISOString();
	}
	return new Date(midnightUtc).toISOString();
}

export async function listAudit(
	db: Executor,
	query: AuditFilter
): Promise<{ entries: AuditLogEntry[]; nextBefore: number | null; actions: readonly string[] }> {
	let actorIds: string[] | null = null;
	if (query.actor !== '') {
		if (query.actor.includes('@')) {
			const users = await db
				.selectFrom('users')
				.select('id')
				.where('email', '=', query.actor.toLowerCase())
				.execute();
			actorIds = users.map((u) => u.id);
		} else actorIds = [query.actor];
	}
	let q = db
		.selectFrom('audit_events')
		.leftJoin('users', 'users.id', 'audit_events.actor_id')
		.select([
			'audit_events.id',
			'audit_events.at',
			'audit_events.actor_id',
			'audit_events.actor_role',
			'users.email',
			'audit_events.action',
			'audit_events.target_type',
			'audit_events.target_id',
			'audit_events.outcome'
		])
		.orderBy('audit_events.id', 'desc')
		.limit(AUDIT_PAGE_SIZE + 1);
	if (actorIds)
		q = actorIds.length ? q.where('audit_events.actor_id', 'in', actorIds) : q.where(({ lit }) => lit(false));
	if (query.target !== '') q = q.where('audit_events.target_id', '=', query.target);
	if (query.action !== '') q = q.where('audit_events.action', '=', query.action);
	if (query.from !== '') q = q.where('audit_events.at', '>=', berlinDayStart(query.from));
	if (query.to !== '') q = q.where('audit_events.at', '<', berlinDayStart(addDays(query.to, 1)));
	if (query.before !== null) q = q.where('audit_events.id', '<', query.before);
	const rows = await q.execute();
	const page = rows.slice(0, AUDIT_PAGE_SIZE);
	return {
		entries: page.map((r) => ({
			id: r.id,
			at: r.at,
			actorId: r.actor_id,
			actorRole: r.actor_role,
			actorEmail: r.email,
			action: r.action,
			targetType: r.target_type,
			targetId: r.target_id,
			outcome: r.outcome
		})),
		nextBefore: rows.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
		actions: AUDIT_ACTIONS
	};
}
