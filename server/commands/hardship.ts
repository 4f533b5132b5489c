// The youth office records that it decided a hardship case for a child, or takes a record back
// (issue 17, point 2): the day and a file reference only. The child's row takes the next seq, so
// the Kitas holding its requests get it at their next pull (the criterion `hardship` reads it);
// families' devices get nothing new (their child rows never carry it).
import { hardshipIssue, type RecordHardshipInput } from '../../src/lib/domain/hardship';
import { staffOf } from '../services/audiences';
import { auditCommand, pokeAll } from './audit';
import type { UserCommandContext } from './context';
import { Refusal } from './refusal';

export async function recordHardship(ctx: UserCommandContext, input: RecordHardshipInput): Promise<void> {
	if (ctx.actor.role !== 'admin') throw new Refusal('notPermitted', 'hardship.notPermitted');
	if (hardshipIssue(input, ctx.today)) throw new Refusal('invalidInput', 'hardship.decidedInFuture');
	const child = await ctx.tx
		.selectFrom('children')
		.select(['id', 'merged_into'])
		.where('id', '=', input.childId)
		.executeTakeFirst();
	// A linked record holds no requests: the decision belongs on the record it was linked into.
	if (!child || child.merged_into !== null) throw new Refusal('notFound', 'hardship.childNotFound');
	await ctx.tx
		.updateTable('children')
		.set({
			hardship_decided_on: input.decided ? input.decidedOn : null,
			hardship_reference: input.decided ? input.reference : null,
			updated_at: ctx.now.toISOString(),
			seq: await ctx.seq()
		})
		.where('id', '=', input.childId)
		.execute();
	await auditCommand(ctx, 'hardship.record', 'child', input.childId);
	const kitas = await ctx.tx
		.selectFrom('requests')
		.select('facility_id')
		.distinct()
		.where('child_id', '=', input.childId)
		.execute();
	pokeAll(
		ctx,
		await staffOf(
			ctx.tx,
			kitas.map((k) => k.facility_id)
		)
	);
}
