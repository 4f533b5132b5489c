// Everything the staff request page shows about one request, read from the local database in one go.
import type { Child, Family, Guardian } from '$lib/domain/family';
import type { Facility } from '$lib/domain/facility';
import type { KitaYear } from '$lib/domain/kita-year';
import type { Registration, Request, RequestEvent } from '$lib/domain/request';
import { db } from '../data-layer';
import { pendingIds } from '../pending';

export interface ContactFamily {
	family: Family | undefined;
	guardians: Guardian[];
	/** A record linked into this child ("same child"), e.g. a walk-in at another Kita. */
	linked: boolean;
}

export interface RequestView {
	request: Request;
	child: Child | undefined;
	families: ContactFamily[];
	registration: Registration | undefined;
	events: RequestEvent[];
	kitaYear: KitaYear | undefined;
	facility: Facility | undefined;
	pending: boolean;
	/** Nobody of the family can be mailed: status changes need a printed letter. */
	needsLetter: boolean;
	/**
	 * A registration made at the front desk: its own family and child record, for a reprint of the
	 * receipt — never the data of a family it was linked with.
	 */
	walkin: WalkinRecord | null;
}

export interface WalkinRecord {
	family: Family | undefined;
	child: Child | undefined;
	guardians: Guardian[];
}

export async function loadRequestView(id: string): Promise<RequestView | null> {
	const request = await db.requests.get(id);
	if (!request) return null;
	const [child, linked, registration, events, kitaYear, facility, outbox] = await Promise.all([
		db.children.get(request.childId),
		db.children.where('mergedInto').equals(request.childId).toArray(),
		db.registrations.get(request.registrationId),
		db.requestEvents.where('requestId').equals(id).sortBy('at'),
		db.kitaYears.get(request.kitaYearId),
		db.facilities.get(request.facilityId),
		db.outbox.toArray()
	]);
	const familyIds = [...new Set([...(child ? [child.familyId] : []), ...linked.map((c) => c.familyId)])];
	const families = await Promise.all(
		familyIds.map(async (familyId, index) => ({
			family: await db.families.get(familyId),
			guardians: (await db.guardians.where('familyId').equals(familyId).toArray()).sort(
				(a, b) => a.position - b.position
			),
			linked: index > 0 || !child
		}))
	);
	// Online families get mails at their account's address, which staff never see.
	const mailable = families.some(
		(f) => f.family?.source === 'online' || f.guardians.some((g) => g.email !== '')
	);
	const own = registration?.source === 'walkin' ? registration.familyId : null;
	const walkin: WalkinRecord | null = own
		? {
				family: families.find((f) => f.family?.id === own)?.family,
				child: [child, ...linked].find((c) => c?.familyId === own),
				guardians: families.find((f) => f.family?.id === own)?.guardians ?? []
			}
		: null;
	return {
		request,
		child,
		families,
		registration,
		events,
		kitaYear,
		facility,
		pending: pendingIds(outbox).has(id),
		needsLetter: !mailable,
		walkin
	};
}
