// Requests (one child at one Kita), their registration (one submission) and their history.
import type { ChildmindingStatus } from './childminding';
import type { WeeklyHours } from './facility';
import type { ChildmindingAction, RequestAction } from './permissions';
import type { RequestStatus } from './placement';

export interface Registration {
	id: string;
	number: string;
	familyId: string;
	childId: string;
	submittedAt: string;
	source: 'online' | 'walkin';
}

/** What staff see of an offer; parents never get its content (FAQ: the Kita contacts them). */
export interface OfferDetails {
	startDate: string;
	weeklyHours: WeeklyHours;
	note: string;
}

export interface Request {
	id: string;
	registrationId: string;
	childId: string;
	facilityId: string;
	kitaYearId: string;
	/** The parents' ranking; null in a Kita's view (it would invite strategic behaviour). */
	rank: number | null;
	startDate: string;
	weeklyHours: WeeklyHours;
	changeRequest: boolean;
	comment: string;
	status: RequestStatus;
	registeredAt: string;
	offeredAt: string | null;
	offerExpiresAt: string | null;
	/** Staff only. */
	offer: OfferDetails | null;
	/** Staff only: reason code and note of an Absage. */
	rejectReason: string | null;
	rejectNote: string | null;
	updatedAt: string;
	/**
	 * Staff view only: the child has a contract at another Kita, which is never named (FAQ: the
	 * other Kitas see that a contract exists). Computed by the server when it sends the row.
	 */
	contractElsewhere?: boolean;
	/**
	 * What the reader may do to it by role, relation and status (src/lib/domain/permissions.ts),
	 * computed by the server when it sends the row; the device re-checks the time guards at its own
	 * clock (actionsNow). None on a row the device made itself until the server has sent it.
	 */
	permittedActions?: RequestAction[];
}

export interface RequestEvent {
	id: string;
	requestId: string;
	at: string;
	actorRole: string;
	event: string;
	fromStatus: RequestStatus | null;
	toStatus: RequestStatus;
	reason: string | null;
}

export interface ChildminderRequest {
	id: string;
	number: string;
	familyId: string;
	childId: string;
	startDate: string;
	weeklyHours: WeeklyHours;
	comment: string;
	status: ChildmindingStatus;
	submittedAt: string;
	updatedAt: string;
	/** Fachberatung only. */
	internalNote: string | null;
	/** Fachberatung only: the address of the family's account (walk-in families have none). */
	accountEmail?: string | null;
	/** What the reader may do to it (src/lib/domain/permissions.ts), computed by the server. */
	permittedActions?: ChildmindingAction[];
}

/** The status light ("Ampel") parents see; the text always goes with it, never colour alone. */
export type Light = 'green' | 'yellow' | 'red' | 'grey' | 'blue';

export function statusLight(status: RequestStatus): Light {
	switch (status) {
		case 'registered':
			return 'green';
		case 'offered':
		case 'accepted':
			return 'yellow';
		case 'contracted':
			return 'blue';
		case 'rejected':
		case 'expired':
			return 'red';
		default:
			return 'grey';
	}
}

/** A child's requests by Kita year (oldest year first), each in the parents' ranking. */
export function groupByKitaYear<R extends Pick<Request, 'kitaYearId' | 'rank'>>(
	requests: readonly R[]
): { yearId: string; list: R[] }[] {
	const byYear: Record<string, R[]> = {};
	for (const r of requests) (byYear[r.kitaYearId] ??= []).push(r);
	return Object.keys(byYear)
		.sort()
		.map((yearId) => ({
			yearId,
			list: (byYear[yearId] ?? []).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
		}));
}

/**
 * The rank of a request whose start date now falls into Kita year `toYearId`: its own within the
 * same year, else behind the child's other requests of the new year. The parents' ranks stay unique
 * per child and Kita year, which the one-held-offer rule compares (placement.ts, `oneHeldOffer`).
 */
export function rankInYear(
	moved: { id: string; kitaYearId: string; rank: number | null },
	toYearId: string,
	childRequests: readonly { id: string; kitaYearId: string; rank: number | null }[]
): number {
	if (moved.kitaYearId === toYearId && moved.rank !== null) return moved.rank;
	const there = childRequests.filter((r) => r.id !== moved.id && r.kitaYearId === toYearId);
	return Math.max(0, ...there.map((r) => r.rank ?? 0)) + 1;
}
