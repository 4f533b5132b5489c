// The state of a change a page shows (issue 14, point 4): still in the device's outbox (pending),
// confirmed by the server (sent), or refused by it (a rejection not yet dismissed). A refusal wins
// over a pending change: "wird übertragen" next to a change the server has already turned down
// misled the front desk.
import type { LocalRejection, OutboxEntry } from './local-db';
import { namedIds, pendingIds } from './pending';

export type ChangeState =
	| { kind: 'pending' }
	| { kind: 'sent' }
	/** The newest refusal naming one of the ids; the user sees it under "Achtung". */
	| { kind: 'refused'; rejection: LocalRejection };

/** The state of the changes to `ids` (the rows a page shows), from the outbox and the rejections. */
export function changeState(
	ids: Iterable<string>,
	outbox: readonly OutboxEntry[],
	rejections: readonly LocalRejection[]
): ChangeState {
	const shown = new Set(ids);
	const refusal = rejections
		.filter((r) => r.dismissed === 0)
		.filter((r) => [...namedIds(r.args)].some((id) => shown.has(id)))
		.sort((a, b) => b.mutationId - a.mutationId)[0];
	if (refusal) return { kind: 'refused', rejection: refusal };
	const pending = pendingIds(outbox);
	return [...shown].some((id) => pending.has(id)) ? { kind: 'pending' } : { kind: 'sent' };
}
