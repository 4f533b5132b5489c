// Parents' data protection rights: download everything held about their family, and delete the
// account (refused while an offer or a contract is open, with the reason).
import { TRPCError } from '@trpc/server';
import { deleteAccountSchema } from '../../../src/lib/domain/youth-office';
import { clearSessionCookie } from '../../auth/cookie';
import { verifyPassword } from '../../auth/password';
import { audit } from '../../services/audit';
import { accountDeletionBlockers, deleteParentAccount, exportFamilyData } from '../../services/privacy';
import { poke } from '../../sync/poke';
import { roleProcedure, router } from '../init';

const parent = roleProcedure('parent');

export const privacyRouter = router({
	export: parent.query(async ({ ctx }) => {
		const now = ctx.app.now();
		const data = await exportFamilyData(ctx.app.database.db, ctx.session.userId, now);
		await audit(
			ctx.app.database.db,
			{ action: 'export.download', actor: ctx.session, targetType: 'user', targetId: ctx.session.userId },
			now
		);
		return data;
	}),

	deletionBlockers: parent.query(({ ctx }) =>
		accountDeletionBlockers(ctx.app.database.db, ctx.session.userId, ctx.app.now())
	),

	deleteAccount: parent.input(deleteAccountSchema).mutation(async ({ ctx, input }) => {
		const db = ctx.app.database.db;
		const user = await db
			.selectFrom('users')
			.select('password_hash')
			.where('id', '=', ctx.session.userId)
			.executeTakeFirst();
		if (!user || !(await verifyPassword(user.password_hash, input.password)))
			throw new TRPCError({ code: 'BAD_REQUEST', message: 'currentPasswordWrong' });
		const outcome = await deleteParentAccount(db, ctx.session.userId, ctx.app.now());
		if (!outcome.ok) return { ok: false as const, blockers: outcome.blockers };
		poke(outcome.poke);
		clearSessionCookie(ctx.cookies, ctx.app.config.origin);
		// The browser drops the site's cookies; the client deletes the local database itself.
		ctx.responseHeaders.set('Clear-Site-Data', '"cookies"');
		return { ok: true as const, blockers: [] };
	})
});
