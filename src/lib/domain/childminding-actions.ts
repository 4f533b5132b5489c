// The device's re-check of the child-minding actions the server permits. Apart from childminding.ts,
// which pages load for its statuses, so that only the pages with such buttons load it.
import { CHILDMINDING_TRANSITIONS, type ChildmindingStatus } from './childminding';

/**
 * The server's answer (permittedActions, src/lib/domain/permissions.ts) for a child-minding request
 * the device may have moved on itself (a step still in its outbox): only what the machine allows from
 * the status it shows now; the Fachberatung's note is allowed in any status.
 */
export function childmindingActionsNow<A extends string>(
	permitted: readonly A[],
	status: ChildmindingStatus
): A[] {
	return permitted.filter(
		(action) =>
			action === 'note' || CHILDMINDING_TRANSITIONS.some((t) => t.from === status && t.event === action)
	);
}
