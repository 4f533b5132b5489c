// Lets unanswered offers lapse: by server time only (never a client clock), each offered request
// past its offerExpiresAt becomes `expired`, the family gets the generic status mail and the Kita
// sees it at its next pull (poked at once).
import { dayOfInstant } from '../../src/lib/domain/calendar-day';
import type { Db } from '../db/database';
import { notifyChildStatus, usersConcerned } from '../services/placement';
import { transitionRequest } from '../services/requests';
import { poke } from '../events/poke';
import { Refusal } from '../commands/refusal';
import { nextSeq } from '../db/seq';
import { everyInterval, type IntervalJob } from './interval';

export interface OfferExpiryDeps {
	db: Db;
	now: () => Date;
	origin: string;
}

/** Expires every offer that is due now; returns the ids of the requests that lapsed. */
export async function expireOffers(deps: OfferExpiryDeps): Promise<string[]> {
	const now = deps.now();
	const due = await deps.db
		.selectFrom('requests')
		.select('id')
		.where('status', '=', 'offered')
		.where('offer_expires_at', '<=', now.toISOString())
		.orderBy('offer_expires_at')
		.execute();
	const expired: string[] = [];
	for (const { id } of due) {
		const touched = new Set<string>();
		try {
			// One transaction per request: one that staff changed meanwhile does not hold up the rest.
			await deps.db.transaction().execute(async (tx) => {
				const row = await tx.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
				if (!row) return;
				await transitionRequest(
					tx,
					row,
					{
						event: 'expire',
						actor: 'system',
						actorId: null,
						actorRole: 'system',
						expectedStatus: 'offered',
						now,
						today: dayOfInstant(now),
						seq: await nextSeq(tx),
						reason: 'offerLapsed'
					},
					'office'
				);
				await notifyChildStatus(tx, row.child_id, now, deps.origin);
				for (const user of await usersConcerned(tx, row.child_id)) touched.add(user);
			});
			expired.push(id);
			poke(touched);
		} catch (error) {
			// Someone acted on it since the query (accepted in time, withdrawn): nothing to expire.
			if (!(error instanceof Refusal)) throw error;
		}
	}
	return expired;
}

export type OfferExpiryJob = IntervalJob<string[]>;

/** Runs expireOffers every `intervalMs`; rounds never overlap, a failed round is logged and retried. */
export function startOfferExpiry(deps: OfferExpiryDeps, intervalMs = 60_000): OfferExpiryJob {
	return everyInterval('Offer expiry round', () => expireOffers(deps), [], intervalMs);
}
