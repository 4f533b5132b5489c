// The actions the server sends with a row (permittedActions, src/lib/domain/permissions.ts), for a
// row the device changed or created itself: the device's user is the one who acted, so the relation
// is known — a parent acts on its own family's registration, staff on a request of their Kita, the
// Fachberatung on any child-minding request. The server's answer replaces them at the next pull;
// tests/integration/client-server-agreement.spec.ts holds the two to the same result. Also the
// rows of a new request, which start with those actions.
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

/** What a new request is given by whoever makes it; the rest is the same for every new request. */
export type NewRequestFields = Pick<
	Request,
	| 'id'
	| 'registrationId'
	| 'childId'
	| 'facilityId'
	| 'kitaYearId'
	| 'rank'
	| 'startDate'
	| 'weeklyHours'
	| 'changeRequest'
	| 'comment'
>;

/**
 * A request as the server registers it — no offer yet, the reader's actions with it — for the
 * parent's online registration and the front desk's walk-in alike.
 */
export function registeredRequest(reader: RequestReader, fields: NewRequestFields, at: string): Request {
	return {
		...fields,
		status: 'registered',
		registeredAt: at,
		offeredAt: null,
		offerExpiresAt: null,
		offer: null,
		rejectReason: null,
		rejectNote: null,
		updatedAt: at,
		permittedActions: requestActionsFor(reader, {
			status: 'registered',
			facilityId: fields.facilityId,
			offerExpiresAt: null
		})
	};
}
