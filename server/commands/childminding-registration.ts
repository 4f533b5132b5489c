// A family's request for child-minding (Kindertagespflege), and the Fachberatung's note on it.
import { compareDays } from '../../src/lib/domain/calendar-day';
import type { MutationArgs } from '../../src/lib/domain/mutations';
import { notifyChildminding } from '../services/notifications';
import { childmindingWritten } from './transition-childminding';
import type { UserCommandContext } from './context';
import { detectWalkinMatches } from './duplicates';
import { nextNumber, ownChild } from './family';
import { assertIdsFree } from './register-at-kitas';
import { Refusal } from './refusal';

export async function submitChildminding(
	ctx: UserCommandContext,
	args: MutationArgs<'submitChildminding'>
): Promise<void> {
	const { familyId, child } = await ownChild(ctx, args.childId);
	if (compareDays(args.startDate, child.birth_date) < 0)
		throw new Refusal('startBeforeBirth', 'childminding.startBeforeBirth');
	if (compareDays(args.startDate, ctx.today) < 0)
		throw new Refusal('startInPast', 'childminding.startInPast');
	await assertIdsFree(ctx.tx, { childminder_requests: [args.id] });
	const number = await nextNumber(ctx.tx, `TP-${ctx.today.slice(0, 4)}`);
	await ctx.tx
		.insertInto('childminder_requests')
		.values({
			id: args.id,
			number,
			family_id: familyId,
			child_id: child.id,
			start_date: args.startDate,
			weekly_hours: args.weeklyHours,
			comment: args.comment,
			status: 'submitted',
			internal_note: '',
			submitted_at: ctx.now.toISOString(),
			updated_at: ctx.now.toISOString(),
			seq: await ctx.seq()
		})
		.execute();
	await detectWalkinMatches(ctx, child.id);
	await notifyChildminding(
		ctx.tx,
		{ familyId, number, childFirstName: child.first_name, officeAddress: ctx.officeAddress },
		ctx.now,
		ctx.origin
	);
	await childmindingWritten(ctx, args.id);
}

/**
 * The Fachberatung's internal note. The family pulls the re-stamped row too, but never the note
 * (toChildminderRequest), and updated_at stays: a note is not a change of their request.
 */
export async function saveChildmindingNote(
	ctx: UserCommandContext,
	args: MutationArgs<'saveChildmindingNote'>
): Promise<void> {
	const row = await ctx.tx
		.selectFrom('childminder_requests')
		.select('id')
		.where('id', '=', args.id)
		.executeTakeFirst();
	if (!row) throw new Refusal('notFound', 'childminding.notFound');
	await ctx.tx
		.updateTable('childminder_requests')
		.set({ internal_note: args.note, seq: await ctx.seq() })
		.where('id', '=', row.id)
		.execute();
	await childmindingWritten(ctx, row.id);
}
