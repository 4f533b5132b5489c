// The actions the server sends with a row (permittedActions, src/lib/domain/permissions.ts), for a
// row the device changed or created itself: the device's user is the one who acted, so the relation
// is known — a parent acts on its own family's registration, staff on a request of their Kita, the
// Fachberatung on any child-minding request. The server's answer replaces them at the next pull;
// tests/integration/client-server-agreement.spec.ts holds the two to the same result.
import type { ChildmindingStatus } from '$lib/domain/childminding';
import {
	permittedChildmindingActions,
	permittedRequestActions,
	type ChildmindingAction,
	type RequestAction
} from '$lib/domain/permissions';
import type { Request } from '$lib/domain/request';

/** Who reads the row on this device: the placement machine's actor of the user who acted. */
export type RequestReader = 'parent' | 'staff';

export function requestActionsFor(
	reader: RequestReader,
	row: Pick<Request, 'status' | 'facilityId' | 'offerExpiresAt'>
): RequestAction[] {
	return permittedRequestActions(
		{ role: reader, userId: '', facilityIds: reader === 'staff' ? [row.facilityId] : [] },
		{
			status: row.status,
			facilityId: row.facilityId,
			ownRegistration: reader === 'parent',
			offerExpiresAt: row.offerExpiresAt
		},
		null
	);
}

export function childmindingActionsFor(
	reader: 'parent' | 'childminding',
	status: ChildmindingStatus
): ChildmindingAction[] {
	return permittedChildmindingActions(
		{ role: reader, userId: '', facilityIds: [] },
		{ status, ownFamily: reader === 'parent' }
	);
}
