// Naming what a refused change was about as the user knows it: the child, the Kita, the guardian.
import { m } from '$lib/i18n/messages';
import { type RejectionNames } from '../change-names';
import { type Args, str } from './types';

export function childName(names: RejectionNames, childId: string): string {
	return names.children.get(childId) ?? m.rej_some_child();
}

export function kitaName(names: RejectionNames, facilityId: string): string {
	return names.facilities.get(facilityId) ?? m.rej_some_kita();
}

/** A request the refusal carried as `current` (the server's state, as the user may see it). */
export function currentRequest(current: unknown): { id: string; childId: string; facilityId: string } | null {
	if (!current || typeof current !== 'object') return null;
	const row = current as Args;
	return typeof row.id === 'string' && typeof row.childId === 'string' && typeof row.facilityId === 'string'
		? { id: row.id, childId: row.childId, facilityId: row.facilityId }
		: null;
}

/** Child and Kita of a request, from the device or from the refusal's `current` request. */
export function ofRequest(args: Args, names: RejectionNames): { child: string; kita: string } {
	const request = names.requests.get(str(args.requestId));
	return {
		child: request ? childName(names, request.childId) : m.rej_some_child(),
		kita: request ? kitaName(names, request.facilityId) : m.rej_some_kita()
	};
}

export function ofChildminding(args: Args, names: RejectionNames): { child: string } {
	const row = names.childminding.get(str(args.id));
	return { child: row ? childName(names, row.childId) : m.rej_some_child() };
}

export function ofDuplicate(args: Args, names: RejectionNames): { child: string; kita: string } {
	const row = names.duplicates.get(str(args.candidateId));
	return {
		child: row ? childName(names, row.childId) : m.rej_some_child(),
		kita: row?.facilityName ?? (row?.facilityId ? kitaName(names, row.facilityId) : m.rej_some_kita())
	};
}

export const GUARDIAN_GROUPS = {
	name: ['firstName', 'lastName'],
	address: ['street', 'postcode', 'town'],
	contact: ['phone', 'email']
} as const;

/** Which of a guardian's details the change was about, compared with what the server holds. */
export function guardianText(args: Args, names: RejectionNames): string {
	const position = Number(args.position) === 2 ? 2 : 1;
	const stored = names.guardians.get(str(args.id)) as Record<string, unknown> | undefined;
	const changed = stored
		? (Object.keys(GUARDIAN_GROUPS) as (keyof typeof GUARDIAN_GROUPS)[]).filter((group) =>
				GUARDIAN_GROUPS[group].some((field) => (args[field] ?? '') !== (stored[field] ?? ''))
			)
		: [];
	if (changed.length === 1) {
		if (changed[0] === 'name') return m.rej_guardian_name({ position });
		if (changed[0] === 'address') return m.rej_guardian_address({ position });
		return m.rej_guardian_contact({ position });
	}
	return m.rej_guardian_all({ position });
}

/** Whether the device can name the child and Kita (or child-minding request) the change was about. */
export function namesMissing(args: Args, names: RejectionNames): boolean {
	const knows = (childId: string | undefined, facilityId?: string) =>
		childId !== undefined &&
		names.children.has(childId) &&
		(facilityId === undefined || names.facilities.has(facilityId));
	if (typeof args.requestId === 'string') {
		const request = names.requests.get(args.requestId);
		return !knows(request?.childId, request?.facilityId);
	}
	if (typeof args.candidateId === 'string') return !knows(names.duplicates.get(args.candidateId)?.childId);
	if (typeof args.childId === 'string') return !knows(args.childId);
	return false;
}

/** The device's names, with the refusal's `current` request added when the device does not hold it. */
export function withCurrent(names: RejectionNames, current: unknown): RejectionNames {
	const request = currentRequest(current);
	if (!request || names.requests.has(request.id)) return names;
	return { ...names, requests: new Map([...names.requests, [request.id, request]]) };
}
