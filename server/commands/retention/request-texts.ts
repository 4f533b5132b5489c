// Closed requests lose their free texts (the parents' comment, the Kita's notes on an offer or an
// Absage) once their Kita year ended more than `anonymiseAfterDays` ago.
import type { RequestStatus } from '../../../src/lib/domain/placement';
import { requestClosed } from '../../../src/lib/domain/retention';
import { pastKitaYears, type RetentionPolicy, type RetentionRun } from './policy';

async function run({ ctx, periods }: RetentionRun) {
	const { tx, today } = ctx;
	const pastYears = await pastKitaYears(tx, today, periods);
	if (!pastYears.length) return {};
	const rows = await tx
		.selectFrom('requests')
		.select(['id', 'status'])
		.where('kita_year_id', 'in', pastYears)
		.where((eb) =>
			eb.or([eb('comment', '!=', ''), eb('offer_note', 'is not', null), eb('reject_note', 'is not', null)])
		)
		.execute();
	const ids = rows.filter((r) => requestClosed(r.status as RequestStatus)).map((r) => r.id);
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		await tx
			.updateTable('requests')
			.set({ comment: '', offer_note: null, reject_note: null, seq: await ctx.seq() })
			.where('id', 'in', chunk)
			.execute();
	}
	return { requestsCleared: ids.length };
}

export const requestTexts: RetentionPolicy = {
	name: 'request-texts',
	selects: 'closed requests of a Kita year that ended more than the period ago, with a free text left',
	does: 'clears the comment and the notes on an offer or an Absage',
	period: 'anonymiseAfterDays',
	run
};
