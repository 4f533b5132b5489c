// Lets unanswered offers lapse: by server time only (never a client clock), each offered request
// past its offerExpiresAt becomes `expired`, the family gets the generic status mail and the Kita
// sees it at its next pull (poked at once) — the transition command with the system as actor.
import type { Db } from '../db/database';
import { SYSTEM_ACTOR } from '../commands/context';
import { runCommand } from '../commands/run';
import { Refusal } from '../commands/refusal';
import { transitionRequest } from '../commands/transition-request';
import { everyInterval, type IntervalJob } from './interval';

export interface OfferExpiryDeps {
	db: Db;
	now: () => Date;
	origin: string;
	/** Printed on letters; status mails do not use it. */
	officeAddress?: string;
}

/** Expires every offer that is due now; returns the ids of the requests that lapsed. */
export async function expireOffers(deps: OfferExpiryDeps): Promise<string[]> {
	const now = deps.now();
	const host = {
		database: { db: deps.db },
		now: () => now,
		config: { origin: deps.origin, youthOfficeAddress: deps.officeAddress ?? '' }
	};
	const due = await deps.db
		.selectFrom('requests')
		.select('id')
		.where('status', '=', 'offered')
		.where('offer_expires_at', '<=', now.toISOString())
		.orderBy('offer_expires_at')
		.execute();
	const expired: string[] = [];
	for (const { id } of due) {
		try {
			// One transaction per request: one that staff changed meanwhile does not hold up the rest.
			const lapsed = await runCommand(host, SYSTEM_ACTOR, async (ctx) => {
				const row = await ctx.tx.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
				if (!row) return false;
				// Mail, pokes and audit: the effects table's row for `expire`.
				await transitionRequest(
					ctx,
					row,
					{ event: 'expire', actor: 'system', expectedStatus: 'offered', reason: 'offerLapsed' },
					'office'
				);
				return true;
			});
			if (lapsed) expired.push(id);
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
	return everyInterval('Offer expiry round', () => expireOffers(deps), [], intervalMs, { db: deps.db });
}
