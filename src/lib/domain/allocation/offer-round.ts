// A stored offer round (issue 17, point 3): the youth office starts it with a deadline, every Kita
// with free places gets its proposal (whom to offer, in order), and staff send it with one action
// or change it with a written reason. Proposals not sent by the deadline lapse; their places are
// free again for the next round. The rules here; the commands in server/commands/offer-rounds.ts.
import { addDays, compareDays, dayParts, daysBetween, type Day } from '../calendar-day';
import type { WeeklyHours } from '../facility';

/** A round is open until its deadline passed or every Kita sent its proposal. */
export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** A Kita's proposal: open → sent | changedAndSent | lapsed. */
export const PROPOSAL_STATUSES = ['open', 'sent', 'changedAndSent', 'lapsed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Working days to send a proposal when the youth office names no deadline. */
export const DEFAULT_DEADLINE_WORKING_DAYS = 3;
/** A round blocks the next one until its deadline: no longer than four weeks. */
export const MAX_DEADLINE_DAYS = 28;
/** What a written reason for a change must at least say. */
export const CHANGE_REASON_MIN = 5;
export const CHANGE_REASON_MAX = 1000;
/**
 * Changes one proposal takes: far more than a Kita makes in earnest, and a bound on the row a device
 * that drops and adds the same child in a loop could otherwise grow without end.
 */
export const MAX_PROPOSAL_CHANGES = 100;

/** One change staff made to a proposal before sending it: a child out, a child in, or both. */
export interface ProposalChange {
	at: string;
	dropRequestId: string | null;
	addRequestId: string | null;
	reason: string;
}

/** A Kita's proposal as its staff devices hold it (sync entity `roundProposals`). */
export interface RoundProposal {
	id: string;
	roundId: string;
	kitaYearId: string;
	facilityId: string;
	/** The last day to send it (Europe/Berlin). */
	deadline: Day;
	startedAt: string;
	status: ProposalStatus;
	/** Whom to offer, in order: the round's proposal with the changes applied. */
	requestIds: string[];
	/** As the round computed it. */
	proposedRequestIds: string[];
	changes: ProposalChange[];
	sentAt: string | null;
}

/** Monday–Friday (public holidays are not known to the portal). */
export function isWorkingDay(day: Day): boolean {
	// 1970-01-01 was a Thursday.
	const weekday = (((daysBetween('1970-01-01', day) + 3) % 7) + 7) % 7; // 0 = Monday
	return weekday < 5;
}

/** The day `n` working days after `day` (n ≥ 1). */
export function addWorkingDays(day: Day, n: number): Day {
	dayParts(day);
	let at = day;
	for (let left = n; left > 0;) {
		at = addDays(at, 1);
		if (isWorkingDay(at)) left--;
	}
	return at;
}

export function defaultRoundDeadline(today: Day): Day {
	return addWorkingDays(today, DEFAULT_DEADLINE_WORKING_DAYS);
}

export type DeadlineIssue = 'deadlineNotAfterToday' | 'deadlineTooFar';

/** A deadline after today and at most MAX_DEADLINE_DAYS ahead. */
export function deadlineIssue(deadline: Day, today: Day): DeadlineIssue | null {
	if (compareDays(deadline, today) <= 0) return 'deadlineNotAfterToday';
	if (daysBetween(today, deadline) > MAX_DEADLINE_DAYS) return 'deadlineTooFar';
	return null;
}

/** The deadline passed: the day after it has begun (server time decides, never a device's clock). */
export function deadlinePassed(deadline: Day, today: Day): boolean {
	return compareDays(today, deadline) > 0;
}

/**
 * The changes with the written reasons blanked: of the changes about one of `requestIds` (a family
 * anonymised), or of all (`null`: the round's year is past retention). A reason may name the child
 * or the family's circumstances; that a change was made, and when, stays for the statistics.
 */
export function withoutReasons<T extends ProposalChange>(
	changes: readonly T[],
	requestIds: ReadonlySet<string> | null
): { changes: T[]; cleared: number } {
	let cleared = 0;
	const about = (c: T) =>
		requestIds === null ||
		(c.dropRequestId !== null && requestIds.has(c.dropRequestId)) ||
		(c.addRequestId !== null && requestIds.has(c.addRequestId));
	const out = changes.map((c) => {
		if (c.reason === '' || !about(c)) return c;
		cleared++;
		return { ...c, reason: '' };
	});
	return { changes: out, cleared };
}

/** What a proposal's status becomes when sent. */
export function sentStatus(changes: readonly ProposalChange[]): ProposalStatus {
	return changes.length ? 'changedAndSent' : 'sent';
}

export type ChangeIssue = 'notInProposal' | 'alreadyInProposal';

/**
 * The list after a change: the dropped child leaves; the added one takes its place (a replacement)
 * or, with nothing dropped, comes last.
 */
export function applyProposalChange(
	requestIds: readonly string[],
	change: { dropRequestId?: string | null; addRequestId?: string | null }
): { ok: true; requestIds: string[] } | { ok: false; issue: ChangeIssue } {
	const drop = change.dropRequestId ?? null;
	const add = change.addRequestId ?? null;
	if (drop !== null && !requestIds.includes(drop)) return { ok: false, issue: 'notInProposal' };
	if (add !== null && requestIds.includes(add)) return { ok: false, issue: 'alreadyInProposal' };
	if (drop === null) return { ok: true, requestIds: add === null ? [...requestIds] : [...requestIds, add] };
	return {
		ok: true,
		requestIds: requestIds.flatMap((id) => (id === drop ? (add === null ? [] : [add]) : [id]))
	};
}

/**
 * The terms a proposed request is offered on: its wished start (today if that has passed — a
 * running-year request is offered at once) and its weekly hours, as the round bucketed it.
 */
export function proposalOfferTerms(
	request: { startDate: Day; weeklyHours: WeeklyHours },
	today: Day
): { startDate: Day; weeklyHours: WeeklyHours; note: string } {
	return {
		startDate: compareDays(request.startDate, today) < 0 ? today : request.startDate,
		weeklyHours: request.weeklyHours,
		note: ''
	};
}
