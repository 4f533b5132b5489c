// Parents' accounts never confirmed within `unconfirmedAccountDays` of signing up (or of the last
// new link), and parents' accounts not used for `unusedAccountDays` (three years), are deleted as a
// parent deleting the account would: open requests withdrawn, the family anonymised. An open offer
// or a running contract holds the account until it is over. Office accounts are never deleted
// here: admins deactivate them.
import { cutoffInstant } from '../../../src/lib/domain/retention';
import { accountDeletionBlockers } from '../../services/privacy';
import { removeParentAccount } from '../privacy/delete-account';
import type { RetentionPolicy, RetentionResult, RetentionRun } from './policy';

/** Deletes each account unless a blocker holds it; `counter` names the accounts of this policy. */
async function removeUnlessHeld(
	{ ctx }: RetentionRun,
	accounts: readonly { id: string }[],
	counter: 'unconfirmedDeleted' | 'unusedDeleted'
): Promise<Partial<RetentionResult>> {
	let deleted = 0;
	let held = 0;
	for (const account of accounts) {
		// As for a parent's own request: not while an offer waits or a contract runs.
		if ((await accountDeletionBlockers(ctx.tx, account.id, ctx.now)).length) {
			held++;
			continue;
		}
		await removeParentAccount(ctx, account.id, 'retention');
		deleted++;
	}
	return { [counter]: deleted, accountsDeleted: deleted, accountsHeld: held };
}

export const unconfirmedAccounts: RetentionPolicy = {
	name: 'unconfirmed-accounts',
	selects:
		'parents’ accounts whose address was never confirmed, with no confirmation link sent within the period',
	does: 'deletes them as the parent would (unless an offer or a contract holds them)',
	period: 'unconfirmedAccountDays',
	async run(run) {
		// Counted from the last sign-up attempt, which sends a new link, so that a link just sent still works.
		const since = cutoffInstant(run.ctx.now, run.periods.unconfirmedAccountDays);
		const accounts = await run.ctx.tx
			.selectFrom('users')
			.select('id')
			.where('role', '=', 'parent')
			.where('email_confirmed_at', 'is', null)
			.where('created_at', '<', since)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('email_tokens')
							.select('email_tokens.id')
							.whereRef('email_tokens.user_id', '=', 'users.id')
							.where('email_tokens.purpose', '=', 'confirm')
							.where('email_tokens.created_at', '>=', since)
					)
				)
			)
			.execute();
		return removeUnlessHeld(run, accounts, 'unconfirmedDeleted');
	}
};

export const unusedAccounts: RetentionPolicy = {
	name: 'unused-accounts',
	selects: 'confirmed parents’ accounts not used (or created) within the period, whatever their requests',
	does: 'deletes them as the parent would (unless an offer or a contract holds them)',
	period: 'unusedAccountDays',
	async run(run) {
		const accounts = await run.ctx.tx
			.selectFrom('users')
			.select('id')
			.where('role', '=', 'parent')
			.where('email_confirmed_at', 'is not', null)
			.where((eb) =>
				eb(
					eb.fn.coalesce('last_login_at', 'created_at'),
					'<',
					cutoffInstant(run.ctx.now, run.periods.unusedAccountDays)
				)
			)
			.execute();
		return removeUnlessHeld(run, accounts, 'unusedDeleted');
	}
};
