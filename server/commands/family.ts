// A parent's own family: created on their first write, its guardians and children, and the child a
// registration is for. Walk-in families are written by the walk-in registration with the same rows.
import type { Selectable } from 'kysely';
import { childMatchKey, type ChildInput, type GuardianInput } from '../../src/lib/domain/family';
import { isBorn } from '../../src/lib/domain/kita-year';
import type { MutationArgs } from '../../src/lib/domain/mutations';
import type { Executor } from '../db/database';
import type { ChildrenTable } from '../db/schema';
import { familyOfUser } from '../services/families';
import { auditCommand } from './audit';
import type { UserCommandContext } from './context';
import { detectWalkinMatches } from './duplicates';
import { Refusal } from './refusal';

/** A parent's family, created on their first write. */
export async function ownFamily(ctx: UserCommandContext): Promise<string> {
	const existing = await familyOfUser(ctx.tx, ctx.actor.userId);
	if (existing) return existing.id;
	const id = crypto.randomUUID();
	const at = ctx.now.toISOString();
	await ctx.tx
		.insertInto('families')
		.values({
			id,
			owner_user_id: ctx.actor.userId,
			source: 'online',
			claim_code_hash: null,
			created_at: at,
			updated_at: at,
			seq: await ctx.seq()
		})
		.execute();
	return id;
}

/**
 * A child of the parent's family that can take requests. A record linked into another child
 * ("same child") cannot: its requests belong to the surviving record's family (childrenHeldBy).
 */
export async function ownChild(
	ctx: UserCommandContext,
	childId: string
): Promise<{ familyId: string; child: Selectable<ChildrenTable> }> {
	const family = await familyOfUser(ctx.tx, ctx.actor.userId);
	const child = family
		? await ctx.tx
				.selectFrom('children')
				.selectAll()
				.where('id', '=', childId)
				.where('family_id', '=', family.id)
				.executeTakeFirst()
		: undefined;
	if (!family || !child) throw new Refusal('notFound', 'child.notFound');
	if (child.merged_into !== null) throw new Refusal('linkedElsewhere', 'child.linked');
	return { familyId: family.id, child };
}

/** Upsert by id within the family; a guardian id of another family is refused by the caller. */
export async function writeGuardian(
	db: Executor,
	familyId: string,
	g: GuardianInput,
	seq: number,
	now: Date
): Promise<void> {
	const values = {
		family_id: familyId,
		position: g.position,
		first_name: g.firstName,
		last_name: g.lastName,
		street: g.street,
		postcode: g.postcode,
		town: g.town,
		phone: g.phone,
		email: g.email,
		...(g.employedOrTraining === undefined
			? {}
			: { employed_or_training: g.employedOrTraining ? (1 as const) : (0 as const) }),
		updated_at: now.toISOString(),
		seq
	};
	await db
		.insertInto('guardians')
		.values({ id: g.id, ...values })
		.onConflict((oc) => oc.column('id').doUpdateSet(values))
		.execute();
}

export async function writeChild(
	db: Executor,
	familyId: string,
	c: ChildInput,
	seq: number,
	now: Date
): Promise<void> {
	const at = now.toISOString();
	const values = {
		first_name: c.firstName,
		last_name: c.lastName,
		birth_date: c.birthDate,
		match_key: childMatchKey(c),
		updated_at: at,
		seq
	};
	await db
		.insertInto('children')
		.values({ id: c.id, family_id: familyId, created_at: at, ...values })
		.onConflict((oc) => oc.column('id').doUpdateSet(values))
		.execute();
}

/** Next number of a per-year counter, e.g. KP-2026-000042. */
export async function nextNumber(db: Executor, prefix: string): Promise<string> {
	const row = await db
		.insertInto('number_counters')
		.values({ name: prefix, value: 1 })
		.onConflict((oc) =>
			oc.column('name').doUpdateSet((eb) => ({ value: eb('number_counters.value', '+', 1) }))
		)
		.returning('value')
		.executeTakeFirstOrThrow();
	return `${prefix}-${String(row.value).padStart(6, '0')}`;
}

export async function saveGuardian(
	ctx: UserCommandContext,
	args: MutationArgs<'saveGuardian'>
): Promise<void> {
	const familyId = await ownFamily(ctx);
	const existing = await ctx.tx
		.selectFrom('guardians')
		.select(['family_id', 'position'])
		.where('id', '=', args.id)
		.executeTakeFirst();
	if (existing && existing.family_id !== familyId) throw new Refusal('notFound', 'guardian.notFound');
	const taken = await ctx.tx
		.selectFrom('guardians')
		.select('id')
		.where('family_id', '=', familyId)
		.where('position', '=', args.position)
		.where('id', '!=', args.id)
		.executeTakeFirst();
	if (taken) throw new Refusal('positionTaken', 'guardian.positionTaken');
	await writeGuardian(ctx.tx, familyId, args, await ctx.seq(), ctx.now);
	await auditCommand(ctx, 'family.write', 'guardian', args.id);
}

export async function saveChild(ctx: UserCommandContext, args: MutationArgs<'saveChild'>): Promise<void> {
	// Only children already born can be registered (FAQ); the server's day decides.
	if (!isBorn(args.birthDate, ctx.today)) throw new Refusal('notBorn', 'child.notBorn');
	const familyId = await ownFamily(ctx);
	const existing = await ctx.tx
		.selectFrom('children')
		.select('family_id')
		.where('id', '=', args.id)
		.executeTakeFirst();
	if (existing && existing.family_id !== familyId) throw new Refusal('notFound', 'child.notFound');
	await writeChild(ctx.tx, familyId, args, await ctx.seq(), ctx.now);
	// The same child may have been registered in person at a Kita before (walk-in).
	await detectWalkinMatches(ctx, args.id);
	await auditCommand(ctx, 'child.write', 'child', args.id);
}
