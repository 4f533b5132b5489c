// Inputs of the youth office's procedures that are not about the Kita catalogue: the Fachberatung's
// work on child-minding requests, the audit viewer's filter, the carry-over action, and the
// parents' own data (export, deleting the account). Shared by forms and the server.
import { z } from './zod';
import { CHILDMINDING_STATUSES } from './childminding';
import { isDay } from './calendar-day';
import type { AccountStatus } from './account';

export const childmindingStatusSchema = z.enum(CHILDMINDING_STATUSES);

/** The Fachberatung's steps; parents withdraw through their own mutation. */
export const CHILDMINDING_OFFICE_EVENTS = ['contact', 'place', 'close'] as const;
export type ChildmindingOfficeEvent = (typeof CHILDMINDING_OFFICE_EVENTS)[number];

export const childmindingTransitionSchema = z.object({
	id: z.uuid(),
	event: z.enum(CHILDMINDING_OFFICE_EVENTS),
	expectedStatus: childmindingStatusSchema
});

export const INTERNAL_NOTE_MAX = 4000;

/** The Fachberatung's internal note: never shown to the family. */
export const childmindingNoteSchema = z.object({
	id: z.uuid(),
	note: z.string().trim().max(INTERNAL_NOTE_MAX, { message: 'tooLong' })
});

const optionalDay = z.union([z.literal(''), z.string().refine(isDay, { message: 'invalidDate' })]);

export const AUDIT_PAGE_SIZE = 50;

/** The audit viewer's filter: empty fields match everything. */
export const auditQuerySchema = z
	.object({
		/** An actor's user id or email address. */
		actor: z.string().trim().max(254, { message: 'tooLong' }).default(''),
		/** A target id (request, family, user, Kita …). */
		target: z.string().trim().max(100, { message: 'tooLong' }).default(''),
		/** One action name of the server's audit list (it sends the list with the entries). */
		action: z.string().trim().max(60, { message: 'tooLong' }).default(''),
		from: optionalDay.default(''),
		to: optionalDay.default(''),
		/** Entries with a smaller id than this (the next page). */
		before: z.int().positive().nullable().default(null)
	})
	.refine((q) => q.from === '' || q.to === '' || q.from <= q.to, { message: 'rangeOrder', path: ['to'] });
export type AuditQuery = z.input<typeof auditQuerySchema>;
export type AuditFilter = z.output<typeof auditQuerySchema>;

export const kitaYearIdSchema = z.string().regex(/^\d{4}-\d{2}$/, { message: 'invalid' });

/** A report of one Kita year, for the whole district or one municipality (its id, as in the catalogue). */
export const reportQuerySchema = z.object({
	kitaYearId: kitaYearIdSchema,
	municipalityId: z.string().min(1).max(60).nullable().default(null)
});

export const deleteAccountSchema = z.object({
	password: z.string().min(1, { message: 'required' }).max(1024, { message: 'tooLong' })
});

/** Why an account cannot be deleted now (DESIGN.md: refused with an explanation). */
export const DELETE_REFUSALS = ['openOffer', 'openContract'] as const;
export type DeleteRefusal = (typeof DELETE_REFUSALS)[number];

/**
 * Whether a family may delete its account: not while a Kita holds an offer for one of its children
 * (the place would be blocked for others without anyone to answer) or a contract is running.
 * `yearEnded` tells whether the request's Kita year is over (a contract of a past year has ended).
 */
export function deletionBlockers(
	requests: readonly { status: string; yearEnded: boolean }[]
): DeleteRefusal[] {
	const out = new Set<DeleteRefusal>();
	for (const r of requests) {
		if (r.status === 'offered' || r.status === 'accepted') out.add('openOffer');
		if (r.status === 'contracted' && !r.yearEnded) out.add('openContract');
	}
	return [...out];
}

// ---------------------------------------------------------------------------------------------
// Account administration (besides invitations)

export const accountTargetSchema = z.object({ userId: z.uuid() });

export const assignFacilitiesSchema = z.object({
	userId: z.uuid(),
	facilityIds: z.array(z.uuid()).min(1, { message: 'facilityRequired' }).max(200)
});

export const ACCOUNT_ADMIN_ACTIONS = ['deactivate', 'reactivate', 'endSessions', 'assignFacilities'] as const;
export type AccountAdminAction = (typeof ACCOUNT_ADMIN_ACTIONS)[number];

/**
 * An invitation is sent again only to an office account still waiting for its password and not
 * deactivated (a deactivated account gets no new link). The list and the server both ask this.
 */
export function mayResendInvite(account: { role: string; status: AccountStatus }): boolean {
	return account.role !== 'parent' && account.status === 'invited';
}

/**
 * What an admin may do with an account: office accounts are deactivated and re-activated (parents
 * delete their own), Kitas are assigned to staff, anyone's sessions can be ended. Never to oneself
 * what would lock one out: the portal always keeps an admin who can act.
 */
export function accountAdminActions(
	account: { id: string; role: string; active: boolean },
	adminId: string
): AccountAdminAction[] {
	const self = account.id === adminId;
	const office = account.role !== 'parent';
	const actions: AccountAdminAction[] = [];
	if (office && account.active && !self) actions.push('deactivate');
	if (office && !account.active) actions.push('reactivate');
	if (!self) actions.push('endSessions');
	if (account.role === 'staff') actions.push('assignFacilities');
	return actions;
}

/**
 * An offer round's proposal for a Kita year (issue 17, point 3). Without a seed the server draws
 * one and returns it; the same seed on the same data gives the same proposal.
 */
export const roundQuerySchema = z.object({
	kitaYearId: kitaYearIdSchema,
	seed: z.int().min(0).max(2_147_483_647).optional()
});
