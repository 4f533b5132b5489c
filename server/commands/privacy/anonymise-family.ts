// Anonymising a family (retention, a deleted account): names, addresses, contact and free texts
// are removed in place at the command's seq, so that every client holding its rows (Kitas,
// Fachberatung) gets the anonymised version at its next pull.
import { sql } from 'kysely';
import { withoutReasons } from '../../../src/lib/domain/allocation/offer-round';
import type { Executor } from '../../db/database';
import { parseChanges } from '../../services/offer-rounds';
import type { CommandContext } from '../context';

/**
 * Statuses, dates, Kitas and hours stay for the statistics; a birth date keeps its month (the age
 * band of a report still holds). The family's queued and sent mails are deleted.
 */
export async function anonymiseFamily(ctx: CommandContext, familyId: string): Promise<void> {
	const { tx } = ctx;
	const at = ctx.now.toISOString();
	const seq = await ctx.seq();
	// The family's mails, by foreign key: an address typed for a guardian may be another person's.
	await tx.deleteFrom('mail_outbox').where('family_id', '=', familyId).execute();
	await tx
		.updateTable('guardians')
		.set({
			first_name: '',
			last_name: '',
			street: '',
			postcode: '',
			town: '',
			phone: '',
			email: '',
			updated_at: at,
			seq
		})
		.where('family_id', '=', familyId)
		.execute();
	await tx
		.updateTable('children')
		.set({
			first_name: '',
			last_name: '',
			birth_date: sql<string>`substr(birth_date, 1, 8) || '01'`,
			// Never matches a real child's key again (walk-in duplicate search).
			match_key: sql<string>`'anonymised|' || id`,
			// The youth office's file reference would lead back to the family.
			hardship_reference: null,
			hardship_decided_on: null,
			updated_at: at,
			seq
		})
		.where('family_id', '=', familyId)
		.execute();
	// The family's own registrations only: a walk-in's request linked into one of its children keeps
	// what the other family said.
	const registrations = tx.selectFrom('registrations').select('id').where('family_id', '=', familyId);
	await tx
		.updateTable('requests')
		.set({ comment: '', offer_note: null, reject_note: null, updated_at: at, seq })
		.where('registration_id', 'in', registrations)
		.execute();
	// The staff's written reasons for moving the family's children in a Kita's ranking.
	await tx
		.updateTable('queue_moves')
		.set({ reason: '', seq })
		.where(
			'request_id',
			'in',
			tx.selectFrom('requests').select('id').where('registration_id', 'in', registrations)
		)
		.execute();
	await clearRoundReasons(tx, familyId, seq);
	await tx
		.updateTable('childminder_requests')
		.set({ comment: '', internal_note: '', updated_at: at, seq })
		.where('family_id', '=', familyId)
		.execute();
	await tx
		.updateTable('registrations')
		.set({ submitted_by: null, seq })
		.where('family_id', '=', familyId)
		.execute();
	await tx
		.updateTable('families')
		.set({ claim_code_hash: null, anonymised_at: at, updated_at: at, seq })
		.where('id', '=', familyId)
		.execute();
}

/**
 * The staff's written reasons for changing an offer round's proposal about one of the family's
 * requests: selected by the request ids the family owns, never by matching text.
 */
async function clearRoundReasons(tx: Executor, familyId: string, seq: number): Promise<void> {
	const requests = await tx
		.selectFrom('requests')
		.innerJoin('registrations', 'registrations.id', 'requests.registration_id')
		.select(['requests.id', 'requests.facility_id'])
		.where('registrations.family_id', '=', familyId)
		.execute();
	if (!requests.length) return;
	const ids = new Set(requests.map((r) => r.id));
	const proposals = await tx
		.selectFrom('round_proposals')
		.select(['id', 'changes'])
		.where('facility_id', 'in', [...new Set(requests.map((r) => r.facility_id))])
		.where('changes', '!=', '[]')
		.execute();
	for (const proposal of proposals) {
		const { changes, cleared } = withoutReasons(parseChanges(proposal.changes), ids);
		if (cleared)
			await tx
				.updateTable('round_proposals')
				.set({ changes: JSON.stringify(changes), seq })
				.where('id', '=', proposal.id)
				.execute();
	}
}
