// Sending an offer round's proposal with one action (issue 17): the send first, then one ordinary
// makeOffer per proposed child naming the proposal — each through the outbox like a single offer,
// offline too, with the status the device shows as expected status. The server decides each one
// (one held offer, mails, conflicts); one it refuses shows in "needs attention" with its reason.
import type { RoundProposal } from '$lib/domain/allocation/offer-round';
import { proposalOfferTerms } from '$lib/domain/allocation/offer-round';
import type { QueueRow } from '$lib/domain/queue';
import { today } from '$lib/format';
import { mutate } from '../sync/mutate';

/** Queues the send and the offers; returns how many offers were queued. */
export async function sendProposal(
	proposal: Pick<RoundProposal, 'id' | 'requestIds'>,
	rows: ReadonlyMap<string, Pick<QueueRow, 'status' | 'startDate' | 'weeklyHours'>>
): Promise<number> {
	await mutate('sendRoundProposal', { proposalId: proposal.id });
	let queued = 0;
	for (const requestId of proposal.requestIds) {
		const row = rows.get(requestId);
		// A request the device no longer holds (deleted meanwhile) cannot be offered from here.
		if (!row) continue;
		await mutate('makeOffer', {
			requestId,
			expectedStatus: row.status,
			...proposalOfferTerms(row, today()),
			proposalId: proposal.id
		});
		queued++;
	}
	return queued;
}
