// Deleting a parent's account: by the parent on /konto/daten, or by retention for an account never
// confirmed or long unused — the same steps in both cases.
import type { DeleteRefusal } from '../../../src/lib/domain/youth-office';
import { sessionsEnded } from '../../auth/session-ended';
import { audit } from '../../services/audit';
import { accountDeletionBlockers } from '../../services/privacy';
import { transitionRequest } from '../transition-request';
import { withdrawChildmindingRequest } from '../transition-childminding';
import type { CommandContext, UserCommandContext } from '../context';
import { anonymiseFamily } from './anonymise-family';

/** Who ends the account: the parent (on /konto/daten), or retention (unconfirmed or unused). */
export type AccountDeletionCause = 'parent' | 'retention';

/**
 * Deletes a parent's account inside the command's transaction: open requests are withdrawn (the
 * Kitas see it), open child-minding requests too, the family is anonymised, mails to the account's
 * address go, and the account with its sessions, links and devices is deleted. The caller checks
 * the blockers first. The other users concerned are poked after the commit (the transitions' effects).
 */
export async function removeParentAccount(
	ctx: CommandContext,
	userId: string,
	cause: AccountDeletionCause
): Promise<void> {
	const { tx, now } = ctx;
	const family = await tx
		.selectFrom('families')
		.select('id')
		.where('owner_user_id', '=', userId)
		.executeTakeFirst();
	if (family) {
		// The family's own registrations: a walk-in's request linked into one of its children is
		// another family's, and stays (a link merges the view, not the control).
		const open = await tx
			.selectFrom('requests')
			.innerJoin('registrations', 'registrations.id', 'requests.registration_id')
			.selectAll('requests')
			.where('registrations.family_id', '=', family.id)
			.where('requests.status', '=', 'registered')
			.execute();
		// The family's step, given on its behalf (retention: by the system, the record says so); the
		// Kitas see it through the transition's effects (commands/transition-effects.ts).
		for (const row of open)
			await transitionRequest(
				ctx,
				row,
				{ event: 'withdraw', actor: 'parent', expectedStatus: row.status, reason: 'accountDeleted' },
				'office'
			);
		const childminding = await tx
			.selectFrom('childminder_requests')
			.select('id')
			.where('family_id', '=', family.id)
			.where('status', 'in', ['submitted', 'inContact'])
			.execute();
		for (const row of childminding) await withdrawChildmindingRequest(ctx, row.id);
		await anonymiseFamily(ctx, family.id);
	}
	// The account's own mails (ON DELETE CASCADE would take them too; said here so it is not missed).
	await tx.deleteFrom('mail_outbox').where('user_id', '=', userId).execute();
	// Sessions, links, recovery codes, devices and their rejections go with it (ON DELETE CASCADE).
	await tx.deleteFrom('users').where('id', '=', userId).execute();
	// Its live-update streams stop (they check their session after this transaction).
	await sessionsEnded(tx, userId);
	await audit(
		tx,
		{
			action: 'account.delete',
			actor: cause === 'parent' ? { userId, role: 'parent' } : { userId: null, role: 'system' },
			targetType: 'user',
			targetId: userId
		},
		now
	);
	// The account's own clients are gone with it; nobody is left there to poke.
	ctx.effects.poke.delete(userId);
}

export type DeleteAccountOutcome = { ok: true } | { ok: false; blockers: DeleteRefusal[] };

/**
 * A parent deletes their own account; refused while an offer or a contract is open (checked again
 * in the command's transaction: the router asked before the password, something may have changed).
 */
export async function deleteOwnAccount(ctx: UserCommandContext): Promise<DeleteAccountOutcome> {
	const { actor } = ctx;
	const blockers = await accountDeletionBlockers(ctx.tx, actor.userId, ctx.now);
	if (blockers.length) return { ok: false, blockers };
	await removeParentAccount(ctx, actor.userId, 'parent');
	return { ok: true };
}
