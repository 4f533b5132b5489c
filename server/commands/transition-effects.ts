// What each transition of the placement and child-minding machines triggers beyond its own row:
// which mail the family gets, whose open clients are poked, which audit action is written. Pure
// data, read by the two transition commands (transition-request.ts, transition-childminding.ts) —
// whoever gives the command (staff, parent, a job, a contract elsewhere, the privacy service)
// triggers the same effects. tests/integration/transition-effects.spec.ts walks every row.
import type { ChildmindingEvent } from '../../src/lib/domain/childminding';
import type { PlacementEvent } from '../../src/lib/domain/placement';
import type { AuditAction } from '../services/audit';

/**
 * Who is poked:
 * - `family`: the account holders of the families the child belongs to (for a request: its own
 *   family and those of records linked into it; for a child-minding request: the family that sent it);
 * - `kita`: staff of the request's Kita;
 * - `childsKitas`: staff of every Kita holding a request of the child (they see "contract elsewhere");
 * - `advisers`: the Fachberatung, which holds every child-minding request.
 */
export type Audience = 'family' | 'kita' | 'childsKitas' | 'advisers';

export interface TransitionEffects {
	/**
	 * The mail to the family holding the child: the generic status mail (FAQ: what changed is seen
	 * only after login), or none. Never sent when the family itself made the step (FAMILY_STEP_UNMAILED).
	 */
	mail: 'statusChange' | 'offerReleased' | 'carryOver' | null;
	poke: readonly Audience[];
	/** Written with the step's actor (the system for a job or a consequence of a contract). */
	audit: AuditAction;
	/**
	 * Mail and audit come once per run, not per request: a run moves many requests of a family and
	 * sends it one mail (the carry-over into the next Kita year, jobs/carry-over.ts).
	 */
	perRun?: true;
}

/** A family is not mailed about a step it made itself: it made it and sees it at once. */
export const FAMILY_STEP_UNMAILED = true;

const KITA_STEP: TransitionEffects = {
	mail: 'statusChange',
	poke: ['family', 'kita'],
	audit: 'request.transition'
};

export const PLACEMENT_EFFECTS: Record<PlacementEvent, TransitionEffects> = {
	// FAQ: the status changes to "Vertragsangebot" and the family gets the generic mail.
	offer: KITA_STEP,
	withdrawOffer: KITA_STEP,
	// Given by the family (no mail: FAMILY_STEP_UNMAILED) or recorded by staff (the family is told).
	accept: KITA_STEP,
	decline: KITA_STEP,
	// The job lets an offer lapse: the family must learn it, the Kita sees the place free again.
	expire: KITA_STEP,
	// Every Kita of the child sees the contract ("contract elsewhere"), so all of them are poked.
	contract: { mail: 'statusChange', poke: ['family', 'childsKitas'], audit: 'request.transition' },
	// FAQ: an Absage reaches the family as the generic mail too.
	reject: KITA_STEP,
	// Only the family withdraws (or the privacy service on its behalf when the account goes).
	withdraw: { mail: null, poke: ['family', 'kita'], audit: 'request.transition' },
	// Consequences of a contract: the contract's own mail tells the family; no second mail.
	placeElsewhere: { mail: null, poke: ['family', 'childsKitas'], audit: 'request.transition' },
	endForChange: { mail: null, poke: ['family', 'childsKitas'], audit: 'request.transition' },
	// The family edits its own request.
	update: { mail: null, poke: ['family', 'kita'], audit: 'request.write' },
	// The carry-over run mails each family once and audits the run once.
	carryOver: { mail: 'carryOver', poke: ['family', 'kita'], audit: 'carryOver.run', perRun: true },
	// Issue 17: a Kita the parents ranked higher offered. The family learns which offer it holds now
	// (its own mail, besides the generic one of that offer); the releasing Kita sees the place free.
	release: { mail: 'offerReleased', poke: ['family', 'kita'], audit: 'request.transition' },
	// Consequences of an acceptance: the family made it (or was told by the generic mail of staff
	// recording it); the Kitas of the ended requests see them end at their next pull.
	acceptElsewhere: { mail: null, poke: ['family', 'kita'], audit: 'request.transition' },
	// The family learns that the request waits again (the generic status mail, as for every step
	// staff or the system take); the Kita sees it back in its queue.
	reinstate: { mail: 'statusChange', poke: ['family', 'kita'], audit: 'request.transition' }
};

const ADVISER_STEP: TransitionEffects = {
	mail: 'statusChange',
	poke: ['family', 'advisers'],
	audit: 'childminding.write'
};

export const CHILDMINDING_EFFECTS: Record<ChildmindingEvent, TransitionEffects> = {
	contact: ADVISER_STEP,
	place: ADVISER_STEP,
	close: ADVISER_STEP,
	withdraw: { mail: null, poke: ['family', 'advisers'], audit: 'childminding.write' }
};
