// A family's online registration of its child at Kitas, and its ranking of the requests.
import type { MutationArgs } from '../../src/lib/domain/mutations';
import { auditCommand } from './audit';
import type { UserCommandContext } from './context';
import { detectWalkinMatches } from './duplicates';
import { ownChild } from './family';
import { registerAtKitas } from './register-at-kitas';
import { Refusal } from './refusal';

export async function submitRegistration(
	ctx: UserCommandContext,
	args: MutationArgs<'submitRegistration'>
): Promise<void> {
	const { familyId, child } = await ownChild(ctx, args.childId);
	await registerAtKitas(ctx, {
		registrationId: args.registrationId,
		familyId,
		child: { id: child.id, firstName: child.first_name, birthDate: child.birth_date },
		items: args.items,
		source: 'online'
	});
	// The same child may have been registered in person at a Kita before (walk-in).
	await detectWalkinMatches(ctx, child.id);
	await auditCommand(ctx, 'request.write', 'registration', args.registrationId);
}

export async function rankRequests(
	ctx: UserCommandContext,
	args: MutationArgs<'rankRequests'>
): Promise<void> {
	const { child } = await ownChild(ctx, args.childId);
	const rows = await ctx.tx
		.selectFrom('requests')
		.select(['id', 'rank'])
		.where('child_id', '=', child.id)
		.where('kita_year_id', '=', args.kitaYearId)
		.execute();
	const known = new Set(rows.map((r) => r.id));
	if (args.order.some((id) => !known.has(id))) throw new Refusal('notFound', 'request.notFound');
	const seq = await ctx.seq();
	// Requests missing from the order (e.g. made on another device meanwhile) keep their place behind.
	const rest = rows
		.filter((r) => !args.order.includes(r.id))
		.sort((a, b) => a.rank - b.rank)
		.map((r) => r.id);
	for (const [index, id] of [...args.order, ...rest].entries()) {
		await ctx.tx
			.updateTable('requests')
			.set({ rank: index + 1, seq, updated_at: ctx.now.toISOString() })
			.where('id', '=', id)
			.execute();
	}
}
