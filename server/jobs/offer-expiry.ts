// Lets unanswered offers lapse: by server time only (never a client clock), each offered request
// past its offerExpiresAt becomes `expired`, the family gets the generic status mail and the Kita
// sees it at its next pull (poked at once).
import { dayOfInstant } from '../../src/lib/domain/calendar-day';
import type { Db } from '../db/database';
import { notifyChildStatus, usersConcerned } from '../services/placement';
import { transitionRequest } from '../services/requests';
import { poke } from '../sync/poke';
import { Refusal } from '../sync/refusal';
import { nextSeq } from '../sync/seq';

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

export interface OfferExpiryJob {
	/** One round now (tests call expireOffers directly with their fake clock). */
	runOnce(): Promise<string[]>;
	stop(): void;
}

/** Runs expireOffers every `intervalMs`; rounds never overlap, a failed round is logged and retried. */
export function startOfferExpiry(deps: OfferExpiryDeps, intervalMs = 60_000): OfferExpiryJob {
	let running: Promise<string[]> | null = null;
	const runOnce = () => {
		running ??= expireOffers(deps)
			.catch((error: unknown) => {
				console.error('Offer expiry round failed:', error instanceof Error ? error.message : error);
				return [];
			})
			.finally(() => {
				running = null;
			});
		return running;
	};
	const timer = setInterval(() => void runOnce(), intervalMs);
	timer.unref();
	return {
		runOnce,
		stop() {
			clearInterval(timer);
		}
	};
}
