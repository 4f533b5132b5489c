// Claims of walk-in families: the family takes its walk-in record into its own online account with
// the code on its receipt, and the Kita prints a new receipt when one is lost.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { z } from 'zod';
import {
	normaliseClaimCode,
	type claimFamilySchema,
	type renewClaimCodeSchema
} from '../../src/lib/domain/staff';
import { decideDuplicateStep } from '../../src/lib/domain/staff';
import { usersConcerned } from '../services/placement';
import { touchChildRequests } from './request-records';
import { recordDeletions } from './deletions';
import { auditCommand, pokeAll } from './audit';
import type { UserCommandContext } from './context';
import { Refusal } from './refusal';

/** Server-side hash of a claim code as the parent typed it (same result as the client's WebCrypto). */
export function hashClaimCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseClaimCode(code))));
}

/** A lost receipt: staff print a new one, and only the new code works from then on. */
export async function renewClaimCode(
	ctx: UserCommandContext,
	args: z.infer<typeof renewClaimCodeSchema>
): Promise<void> {
	const { tx, now } = ctx;
	const family = await tx
		.selectFrom('families')
		.selectAll()
		.where('id', '=', args.familyId)
		.executeTakeFirst();
	// Only a Kita that holds one of the family's requests may do this, and only until it is claimed.
	const atOwnKita = family
		? await tx
				.selectFrom('requests')
				.innerJoin('registrations', 'registrations.id', 'requests.registration_id')
				.select('requests.id')
				.where('registrations.family_id', '=', family.id)
				.where('requests.facility_id', 'in', ctx.actor.facilityIds.length ? ctx.actor.facilityIds : [''])
				.executeTakeFirst()
		: undefined;
	if (!family || !atOwnKita || family.source !== 'walkin') throw new Refusal('notFound', 'family.notFound');
	if (family.owner_user_id !== null) throw new Refusal('alreadyClaimed', 'family.alreadyClaimed');
	await tx
		.updateTable('families')
		.set({ claim_code_hash: args.claimCodeHash, updated_at: now.toISOString(), seq: await ctx.seq() })
		.where('id', '=', family.id)
		.execute();
	await auditCommand(ctx, 'family.write', 'family', family.id);
}

export type ClaimOutcome = { ok: true; familyId: string; childIds: string[] } | { ok: false };

/**
 * Takes a walk-in family into a parent's online account: the code on the receipt and the child's
 * birth date must both fit. Only the family the code belongs to: a "same child" link says nothing
 * about who may act for, or read the contacts of, another household, so walk-in families linked
 * to it stay where they are and the surviving record's family keeps holding the requests
 * (childrenHeldBy). Guardians move only to free positions of an existing family; the rest stay
 * with their walk-in family. Audited either way; a wrong code and a wrong birth date look the same.
 */
export async function claimWalkinFamily(
	ctx: UserCommandContext,
	input: z.infer<typeof claimFamilySchema>
): Promise<ClaimOutcome> {
	const outcome = await claim(ctx, input);
	await auditCommand(
		ctx,
		'walkin.claim',
		'family',
		outcome.ok ? outcome.familyId : null,
		outcome.ok ? 'ok' : 'refused'
	);
	return outcome;
}

async function claim(
	ctx: UserCommandContext,
	input: z.infer<typeof claimFamilySchema>
): Promise<ClaimOutcome> {
	const { tx: db, now } = ctx;
	const userId = ctx.actor.userId;
	const at = now.toISOString();
	const family = await db
		.selectFrom('families')
		.selectAll()
		.where('claim_code_hash', '=', hashClaimCode(input.code))
		.where('source', '=', 'walkin')
		.where('owner_user_id', 'is', null)
		.executeTakeFirst();
	if (!family) return { ok: false };
	const children = await db.selectFrom('children').selectAll().where('family_id', '=', family.id).execute();
	if (!children.some((c) => c.birth_date === input.birthDate)) return { ok: false };
	const seq = await ctx.seq();
	// The receipt's code is taken in one conditional write, so that it goes to one account however
	// many claims arrive at once. The change counter every command holds serialises them already
	// (holdChangeCounter); this holds without it too.
	const taken = await db
		.updateTable('families')
		.set({ claim_code_hash: null, updated_at: at, seq })
		.where('id', '=', family.id)
		.where('owner_user_id', 'is', null)
		.where('claim_code_hash', '=', hashClaimCode(input.code))
		.executeTakeFirst();
	if (taken.numUpdatedRows !== 1n) return { ok: false };

	const own = await db
		.selectFrom('families')
		.select('id')
		.where('owner_user_id', '=', userId)
		.executeTakeFirst();
	let home: string;
	const joining: string[] = [];
	if (own) {
		home = own.id;
		joining.push(family.id);
	} else {
		home = family.id;
		await db
			.updateTable('families')
			.set({ owner_user_id: userId, claim_code_hash: null, updated_at: at, seq })
			.where('id', '=', family.id)
			.execute();
	}
	for (const from of joining) {
		await db
			.updateTable('children')
			.set({ family_id: home, updated_at: at, seq })
			.where('family_id', '=', from)
			.execute();
		await db
			.updateTable('registrations')
			.set({ family_id: home, seq })
			.where('family_id', '=', from)
			.execute();
		await db
			.updateTable('childminder_requests')
			.set({ family_id: home, seq, updated_at: at })
			.where('family_id', '=', from)
			.execute();
		const taken = new Set(
			(await db.selectFrom('guardians').select('position').where('family_id', '=', home).execute()).map(
				(g) => g.position
			)
		);
		for (const g of await db.selectFrom('guardians').selectAll().where('family_id', '=', from).execute()) {
			if (taken.has(g.position)) continue;
			taken.add(g.position);
			await db
				.updateTable('guardians')
				.set({ family_id: home, updated_at: at, seq })
				.where('id', '=', g.id)
				.execute();
		}
		await db
			.updateTable('families')
			.set({ claim_code_hash: null, updated_at: at, seq })
			.where('id', '=', from)
			.execute();
	}

	// A family asked about one of these walk-ins may no longer decide alone: both records now belong
	// to accounts, and the youth office decides (decideDuplicateStep: walkinClaimed).
	const pending = await db
		.selectFrom('duplicate_candidates')
		.select(['id', 'status'])
		.where('status', '=', 'askedFamily')
		.where('child_id', 'in', (eb) => eb.selectFrom('children').select('id').where('family_id', '=', home))
		.execute();
	for (const pair of pending) {
		const to = decideDuplicateStep(pair.status, { actor: 'system', event: 'walkinClaimed' });
		if (to)
			await db
				.updateTable('duplicate_candidates')
				.set({ status: to, seq })
				.where('id', '=', pair.id)
				.execute();
	}

	// A link within one family is moot now: the stub only kept the other family's contacts reachable.
	// The family's devices and the Kitas of the child may hold the stub from before (a parent who
	// claimed the other receipt earlier): they get a deletion.
	const moot = await db
		.selectFrom('children')
		.select(['id', 'merged_into'])
		.where('family_id', '=', home)
		.where('merged_into', 'in', (eb) =>
			eb.selectFrom('children as t').select('t.id').where('t.family_id', '=', home)
		)
		.execute();
	if (moot.length) {
		const kitas = await db
			.selectFrom('requests')
			.select(['child_id', 'facility_id'])
			.distinct()
			.where(
				'child_id',
				'in',
				moot.map((c) => c.merged_into ?? '')
			)
			.execute();
		await recordDeletions(
			db,
			moot.flatMap((c) => [
				{ entity: 'children' as const, rowId: c.id, familyId: home },
				...kitas
					.filter((k) => k.child_id === c.merged_into)
					.map((k) => ({ entity: 'children' as const, rowId: c.id, facilityId: k.facility_id }))
			]),
			seq,
			now
		);
		await db
			.deleteFrom('children')
			.where(
				'id',
				'in',
				moot.map((c) => c.id)
			)
			.execute();
	}

	// The parent's client holds a cookie from before: everything of the family must count as new.
	const childIds = (await db.selectFrom('children').select('id').where('family_id', '=', home).execute()).map(
		(c) => c.id
	);
	const targets = (
		await db
			.selectFrom('children')
			.select('merged_into')
			.where('family_id', '=', home)
			.where('merged_into', 'is not', null)
			.execute()
	).flatMap((c) => (c.merged_into ? [c.merged_into] : []));
	const allChildren = [...new Set([...childIds, ...targets])];
	await db.updateTable('families').set({ seq }).where('id', '=', home).execute();
	await db.updateTable('guardians').set({ seq }).where('family_id', '=', home).execute();
	await db.updateTable('children').set({ seq }).where('family_id', '=', home).execute();
	await db.updateTable('registrations').set({ seq }).where('family_id', '=', home).execute();
	ctx.effects.poke.add(userId);
	for (const childId of allChildren) {
		await touchChildRequests(db, childId, seq);
		await db
			.updateTable('request_events')
			.set({ seq })
			.where('request_id', 'in', (eb) =>
				eb.selectFrom('requests').select('id').where('child_id', '=', childId)
			)
			.execute();
		pokeAll(ctx, await usersConcerned(db, childId));
	}
	return { ok: true, familyId: home, childIds: allChildren };
}
