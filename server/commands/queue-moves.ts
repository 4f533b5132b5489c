// Staff move a child in their Kita's ranking by admission criteria, with a written reason (issue 17,
// point 2). Only staff of the Kita, only for two requests of that Kita and the same Kita year; the
// move is kept with who made it, when and why, audited, and reaches the Kita's devices only.
import type { MutationArgs } from '../../src/lib/domain/mutations';
import { staffOf } from '../services/audiences';
import { auditCommand, pokeAll } from './audit';
import type { UserCommandContext } from './context';
import { worksAt } from './kita-requests';
import { Refusal } from './refusal';

/** Moves of one request at most; far beyond what a Kita's ranking needs. */
export const MAX_MOVES_PER_REQUEST = 20;

export async function moveInQueue(ctx: UserCommandContext, args: MutationArgs<'moveInQueue'>): Promise<void> {
	const [moved, anchor] = await Promise.all(
		[args.requestId, args.anchorRequestId].map((id) =>
			ctx.tx
				.selectFrom('requests')
				.select(['id', 'facility_id', 'kita_year_id'])
				.where('id', '=', id)
				.executeTakeFirst()
		)
	);
	// Another Kita's request looks as if it did not exist.
	if (!moved || !worksAt(ctx.actor, moved.facility_id)) throw new Refusal('notFound', 'request.notFound');
	if (!anchor || anchor.facility_id !== moved.facility_id || anchor.kita_year_id !== moved.kita_year_id)
		throw new Refusal('notFound', 'queueMove.anchorNotFound');
	// Ids are made on the device; one already taken (by any Kita) is refused, never overwritten.
	const taken = await ctx.tx
		.selectFrom('queue_moves')
		.select('id')
		.where('id', '=', args.id)
		.executeTakeFirst();
	if (taken) throw new Refusal('idTaken', 'sync.idTaken');
	// Every move goes to each device of the Kita and is applied at every ranking: a device (or a
	// session in the wrong hands) moving one child in a loop must not grow them without end.
	const earlier = await ctx.tx
		.selectFrom('queue_moves')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('request_id', '=', moved.id)
		.executeTakeFirstOrThrow();
	if (Number(earlier.n) >= MAX_MOVES_PER_REQUEST) throw new Refusal('notAllowed', 'queueMove.tooMany');
	await ctx.tx
		.insertInto('queue_moves')
		.values({
			id: args.id,
			request_id: moved.id,
			facility_id: moved.facility_id,
			kita_year_id: moved.kita_year_id,
			anchor_request_id: anchor.id,
			placement: args.placement,
			reason: args.reason,
			moved_by: ctx.actor.userId,
			moved_at: ctx.now.toISOString(),
			seq: await ctx.seq()
		})
		.execute();
	await auditCommand(ctx, 'queue.move', 'request', moved.id);
	pokeAll(ctx, await staffOf(ctx.tx, [moved.facility_id]));
}
