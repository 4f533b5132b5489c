// The parents' overview: their "next step" (add the family → register a child → wait for offers),
// decided from what the family's local data holds.
import type { ChildmindingStatus } from './childminding';
import type { RequestStatus } from './placement';

/**
 * What the parents do next, in the order of the flow. `family`: no guardian saved yet; `child`: no
 * child entered; `answerOffer`: an offer waits for their answer; `register`: a child without any
 * request still in play (none yet, or every Kita said no); `wait`: every child's requests are
 * with the Kitas or the Fachberatung; `done`: every child has a contract or a child-minder.
 */
export type ParentStep = 'family' | 'child' | 'answerOffer' | 'register' | 'wait' | 'done';

export interface FamilyState {
	guardians: number;
	/** The family's own children, without records linked into another of them. */
	children: readonly { id: string }[];
	requests: readonly { childId: string; status: RequestStatus; offerExpiresAt: string | null }[];
	childminding: readonly { childId: string; status: ChildmindingStatus }[];
}

const IN_PLAY: readonly string[] = ['registered', 'offered', 'accepted', 'contracted'];
const CM_IN_PLAY: readonly string[] = ['submitted', 'inContact', 'placed'];
const PLACED: readonly string[] = ['contracted', 'placed'];

/** An offer the parents can still answer at `now` (after its time only the server's job closes it). */
export function isOpenOffer(
	request: { status: RequestStatus; offerExpiresAt: string | null },
	now: Date
): boolean {
	return (
		request.status === 'offered' &&
		(request.offerExpiresAt === null || Date.parse(request.offerExpiresAt) > now.getTime())
	);
}

export function nextStep(state: FamilyState, now: Date): ParentStep {
	if (state.guardians === 0) return 'family';
	if (state.children.length === 0) return 'child';
	if (state.requests.some((r) => isOpenOffer(r, now))) return 'answerOffer';
	const statuses = (childId: string) => [
		...state.requests.filter((r) => r.childId === childId).map((r) => r.status as string),
		...state.childminding.filter((c) => c.childId === childId).map((c) => c.status as string)
	];
	const perChild = state.children.map((c) => statuses(c.id));
	if (perChild.some((s) => !s.some((status) => IN_PLAY.includes(status) || CM_IN_PLAY.includes(status))))
		return 'register';
	if (perChild.every((s) => s.some((status) => PLACED.includes(status)))) return 'done';
	return 'wait';
}

/** The three stages shown as a list; a step belongs to one of them. */
export const STAGES = ['family', 'register', 'offers'] as const;
export type Stage = (typeof STAGES)[number];

const STAGE_OF: Record<ParentStep, number> = {
	family: 0,
	child: 0,
	register: 1,
	answerOffer: 2,
	wait: 2,
	done: 3
};

/** Each stage as done, the current one, or still ahead, for the step `step`. */
export function stageStates(step: ParentStep): { stage: Stage; state: 'done' | 'current' | 'upcoming' }[] {
	const at = STAGE_OF[step];
	return STAGES.map((stage, index) => ({
		stage,
		state: index < at ? 'done' : index === at ? 'current' : 'upcoming'
	}));
}
