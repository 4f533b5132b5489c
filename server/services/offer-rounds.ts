// Offer rounds as the youth office and the Kitas read them (issue 17, point 3): rows mapped to the
// domain's RoundProposal at the edge, and the rounds of a Kita year with each Kita's outcome.
import type { Selectable } from 'kysely';
import type { ProposalChange, RoundProposal } from '../../src/lib/domain/allocation/offer-round';
import type { Executor } from '../db/database';
import type { OfferRoundsTable, RoundProposalsTable } from '../db/schema';

/** A stored change: the staff member's id stays on the server (audit), the device gets the rest. */
export interface StoredChange extends ProposalChange {
	by: string | null;
}

export function parseIds(json: string): string[] {
	const value = JSON.parse(json) as unknown;
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function parseChanges(json: string): StoredChange[] {
	const value = JSON.parse(json) as unknown;
	return Array.isArray(value) ? (value as StoredChange[]) : [];
}

export function toRoundProposal(
	row: Selectable<RoundProposalsTable>,
	round: Pick<Selectable<OfferRoundsTable>, 'kita_year_id' | 'deadline' | 'started_at'>
): RoundProposal {
	return {
		id: row.id,
		roundId: row.round_id,
		kitaYearId: round.kita_year_id,
		facilityId: row.facility_id,
		deadline: round.deadline,
		startedAt: round.started_at,
		status: row.status,
		requestIds: parseIds(row.request_ids),
		proposedRequestIds: parseIds(row.proposed_request_ids),
		changes: parseChanges(row.changes).map(({ at, dropRequestId, addRequestId, reason }) => ({
			at,
			dropRequestId,
			addRequestId,
			reason
		})),
		sentAt: row.sent_at
	};
}

/** The rounds of a Kita year, newest first, each with every Kita's proposal and its outcome. */
export async function listRounds(db: Executor, kitaYearId: string) {
	const rounds = await db
		.selectFrom('offer_rounds')
		.selectAll()
		.where('kita_year_id', '=', kitaYearId)
		.orderBy('started_at', 'desc')
		.execute();
	if (!rounds.length) return [];
	const proposals = await db
		.selectFrom('round_proposals')
		.selectAll()
		.where(
			'round_id',
			'in',
			rounds.map((r) => r.id)
		)
		.execute();
	return rounds.map((r) => ({
		id: r.id,
		kitaYearId: r.kita_year_id,
		seed: r.seed,
		startedAt: r.started_at,
		deadline: r.deadline,
		status: r.status,
		closedAt: r.closed_at,
		kitas: proposals
			.filter((p) => p.round_id === r.id)
			.map((p) => ({
				facilityId: p.facility_id,
				status: p.status,
				offers: parseIds(p.request_ids).length,
				proposed: parseIds(p.proposed_request_ids).length,
				changes: parseChanges(p.changes).length,
				sentAt: p.sent_at
			}))
	}));
}
