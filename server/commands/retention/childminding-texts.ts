// Closed child-minding requests lose their free texts (the parents' comment, the Fachberatung's
// internal note) once the Kita year of their start ended more than `anonymiseAfterDays` ago.
import type { ChildmindingStatus } from '../../../src/lib/domain/childminding';
import { childmindingClosed, yearPastRetention } from '../../../src/lib/domain/retention';
import type { RetentionPolicy, RetentionRun } from './policy';

async function run({ ctx, periods, endOf }: RetentionRun) {
	const { tx, today } = ctx;
	const rows = await tx
		.selectFrom('childminder_requests')
		.select(['id', 'status', 'start_date'])
		.where((eb) => eb.or([eb('comment', '!=', ''), eb('internal_note', '!=', '')]))
		.execute();
	const ids = rows
		.filter(
			(r) =>
				childmindingClosed(r.status as ChildmindingStatus) &&
				yearPastRetention(endOf(r.start_date), today, periods)
		)
		.map((r) => r.id);
	if (ids.length)
		await tx
			.updateTable('childminder_requests')
			.set({ comment: '', internal_note: '', seq: await ctx.seq() })
			.where('id', 'in', ids)
			.execute();
	return { childmindingCleared: ids.length };
}

export const childmindingTexts: RetentionPolicy = {
	name: 'childminding-texts',
	selects:
		'closed child-minding requests whose start’s Kita year ended more than the period ago, with a free text left',
	does: 'clears the comment and the internal note',
	period: 'anonymiseAfterDays',
	run
};
