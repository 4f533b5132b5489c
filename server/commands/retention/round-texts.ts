// Offer rounds of a Kita year that ended more than `anonymiseAfterDays` ago lose the staff's written
// reasons for changing a proposal (a reason may name a child or a family's circumstances). The
// changes themselves stay: that a Kita changed its proposal is part of the rounds' statistics.
import { withoutReasons } from '../../../src/lib/domain/allocation/offer-round';
import { parseChanges } from '../../services/offer-rounds';
import { pastKitaYears, type RetentionPolicy, type RetentionRun } from './policy';

async function run({ ctx, periods }: RetentionRun) {
	const { tx, today } = ctx;
	const pastYears = await pastKitaYears(tx, today, periods);
	if (!pastYears.length) return {};
	const proposals = await tx
		.selectFrom('round_proposals')
		.innerJoin('offer_rounds', 'offer_rounds.id', 'round_proposals.round_id')
		.select(['round_proposals.id', 'round_proposals.changes'])
		.where('offer_rounds.kita_year_id', 'in', pastYears)
		.where('round_proposals.changes', '!=', '[]')
		.execute();
	let roundReasonsCleared = 0;
	for (const proposal of proposals) {
		const { changes, cleared } = withoutReasons(parseChanges(proposal.changes), null);
		if (!cleared) continue;
		await tx
			.updateTable('round_proposals')
			.set({ changes: JSON.stringify(changes), seq: await ctx.seq() })
			.where('id', '=', proposal.id)
			.execute();
		roundReasonsCleared++;
	}
	return { roundReasonsCleared };
}

export const roundTexts: RetentionPolicy = {
	name: 'round-texts',
	selects: 'proposals of offer rounds of a Kita year that ended more than the period ago, with a reason left',
	does: "clears the staff's written reasons for their changes; the changes stay",
	period: 'anonymiseAfterDays',
	run
};
