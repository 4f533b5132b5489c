// Parents' data protection rights: download everything held about their family, and delete the
// account (refused while an offer or a contract is open, with the reason; the password is asked only
// when nothing blocks it).
import { deleteAccountSchema } from '../../../src/lib/domain/youth-office';
import { checkCurrentPassword } from '../../auth/guards';
import { clearSessionCookie } from '../../auth/cookie';
import { userActor } from '../../commands/context';
import { deleteOwnAccount } from '../../commands/privacy/delete-account';
import { recordExportDownload } from '../../commands/privacy/export';
import { runCommand } from '../../commands/run';
import { userById } from '../../services/accounts/users';
import { accountDeletionBlockers, exportFamilyData } from '../../services/privacy';
import { accountErrors } from '../account-errors';
import { roleProcedure, router } from '../init';

const parent = roleProcedure;

export const privacyRouter = router({
	export: parent.query(async ({ ctx }) => {
		const data = await exportFamilyData(ctx.app.database.db, ctx.session.userId, ctx.app.now());
		await runCommand(ctx.app, userActor(ctx.session), recordExportDownload);
		return data;
	}),

	deletionBlockers: parent.query(({ ctx }) =>
		accountDeletionBlockers(ctx.app.database.db, ctx.session.userId, ctx.app.now())
	),

	deleteAccount: parent
		.use(accountErrors)
		.input(deleteAccountSchema)
		.mutation(async ({ ctx, input }) => {
			const db = ctx.app.database.db;
			// Blockers first: while the deletion is refused anyway, the password is neither asked nor
			// judged, so the answer says nothing about it.
			const blockers = await accountDeletionBlockers(db, ctx.session.userId, ctx.app.now());
			if (blockers.length) return { ok: false as const, blockers };
			// The same limit as every password check, counted before the check.
			await checkCurrentPassword(db, await userById(db, ctx.session.userId), input.password, ctx.app.now());
			const outcome = await runCommand(ctx.app, userActor(ctx.session), deleteOwnAccount);
			if (!outcome.ok) return { ok: false as const, blockers: outcome.blockers };
			clearSessionCookie(ctx.cookies, ctx.app.config.origin);
			// The browser drops the site's cookies; the client deletes the local database itself.
			ctx.responseHeaders.set('Clear-Site-Data', '"cookies"');
			return { ok: true as const, blockers: [] };
		})
});
