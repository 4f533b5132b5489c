// Walk-in registrations ("Anmeldung vor Ort") for families without internet: Kita staff enter the
// family, its child and the request at the desk; the registration itself is the online one
// (registerAtKitas), and the child is checked for the same child elsewhere in the district.
import { isBorn } from '../../src/lib/domain/kita-year';
import type { CreateWalkinInput } from '../../src/lib/domain/staff';
import { auditCommand } from './audit';
import type { UserCommandContext } from './context';
import { detectDuplicates } from './duplicates';
import { writeChild, writeGuardian } from './family';
import { registerAtKitas } from './register-at-kitas';
import { Refusal } from './refusal';

export async function createWalkin(ctx: UserCommandContext, args: CreateWalkinInput): Promise<void> {
	const { tx, now } = ctx;
	// Only children already born can be registered; the server's day decides.
	if (!isBorn(args.child.birthDate, ctx.today)) throw new Refusal('notBorn', 'child.notBorn');
	const clash = await Promise.all([
		tx.selectFrom('families').select('id').where('id', '=', args.familyId).executeTakeFirst(),
		tx.selectFrom('children').select('id').where('id', '=', args.child.id).executeTakeFirst(),
		tx
			.selectFrom('guardians')
			.select('id')
			.where(
				'id',
				'in',
				args.guardians.map((g) => g.id)
			)
			.executeTakeFirst()
	]);
	if (clash.some((row) => row !== undefined)) throw new Refusal('idTaken', 'walkin.idTaken');

	const seq = await ctx.seq();
	const at = now.toISOString();
	await tx
		.insertInto('families')
		.values({
			id: args.familyId,
			owner_user_id: null,
			source: 'walkin',
			claim_code_hash: args.claimCodeHash,
			created_at: at,
			updated_at: at,
			seq
		})
		.execute();
	for (const g of args.guardians) await writeGuardian(tx, args.familyId, g, seq, now);
	await writeChild(tx, args.familyId, args.child, seq, now);
	// The registration's own checks refuse before anything of it is written; a refusal rolls the
	// family back with it.
	await registerAtKitas(ctx, {
		registrationId: args.registrationId,
		familyId: args.familyId,
		child: args.child,
		items: [args],
		source: 'walkin'
	});
	await detectDuplicates(ctx, args.child.id, args.facilityId);
	await auditCommand(ctx, 'walkin.create', 'registration', args.registrationId);
}
