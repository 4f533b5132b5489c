// Who acted first, for a refusal: the latest step on the request the refused change was about, told
// as a role from the refused user's side ("von der Kita", "von einer anderen Mitarbeiterin …") —
// never as a person: no name and no account id of anyone else leaves this module.
import type { ActedBy } from '../../src/lib/sync/protocol';
import type { AuthSession } from '../auth/session';
import type { Tx } from '../db/database';

/** The request a refusal carries as `current` (only when the user may see it), or none. */
function requestIdOf(current: unknown): string | null {
	if (!current || typeof current !== 'object') return null;
	const row = current as { id?: unknown; status?: unknown; registrationId?: unknown };
	return typeof row.id === 'string' &&
		typeof row.status === 'string' &&
		typeof row.registrationId === 'string'
		? row.id
		: null;
}

export function actedByRole(
	event: { actorId: string | null; actorRole: string },
	session: Pick<AuthSession, 'userId' | 'role'>
): ActedBy {
	if (event.actorId !== null && event.actorId === session.userId) return 'you';
	switch (event.actorRole) {
		case 'staff':
			return session.role === 'staff' ? 'colleague' : 'kita';
		case 'parent':
			return 'family';
		case 'system':
			return 'system';
		default:
			return 'youthOffice';
	}
}

/** The role and time of the latest step on the refusal's request, when it carries one. */
export async function actedByOf(
	tx: Tx,
	current: unknown,
	session: Pick<AuthSession, 'userId' | 'role'>
): Promise<{ actedBy: ActedBy; actedAt: string } | null> {
	const requestId = requestIdOf(current);
	if (!requestId) return null;
	const event = await tx
		.selectFrom('request_events')
		.select(['actor_id', 'actor_role', 'at'])
		.where('request_id', '=', requestId)
		.orderBy('seq', 'desc')
		.orderBy('at', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!event) return null;
	return {
		actedBy: actedByRole({ actorId: event.actor_id, actorRole: event.actor_role }, session),
		actedAt: event.at
	};
}
