// The actions each reader may take on a request or child-minding row, sent with the row
// (`permittedActions`, as eVaka does): role, relation and status from src/lib/domain/permissions.ts.
// Time guards (offers window, answer time) depend on the clock, not the row, so they are left to
// whoever has one — the server on each mutation, the device for display (actionsNow).
import {
	permittedChildmindingActions,
	permittedRequestActions,
	type ActorFacts
} from '../../src/lib/domain/permissions';
import type { ChildminderRequest, Request } from '../../src/lib/domain/request';

/**
 * Rows sent before permittedActions existed have none on the devices; a new generation in each
 * scope key gives those devices a reset, so every row they hold comes again with its actions.
 */
export const PERMITTED_ACTIONS_GENERATION = 2;

export function withRequestActions(row: Request, actor: ActorFacts, ownRegistration: boolean): Request {
	const permittedActions = permittedRequestActions(
		actor,
		{ status: row.status, facilityId: row.facilityId, ownRegistration, offerExpiresAt: row.offerExpiresAt },
		null
	);
	return { ...row, permittedActions };
}

export function withChildmindingActions(
	row: ChildminderRequest,
	actor: ActorFacts,
	ownFamily: boolean
): ChildminderRequest {
	return { ...row, permittedActions: permittedChildmindingActions(actor, { status: row.status, ownFamily }) };
}
