import { createCallerFactory, router } from './init';
import { accountRouter } from './routers/account';
import { adminAccountsRouter } from './routers/admin-accounts';
import { authRouter } from './routers/auth';
import { devRouter } from './routers/dev';
import { familyRouter } from './routers/family';
import { feedbackRouter } from './routers/feedback';
import { syncRouter } from './routers/sync';

export const appRouter = router({
	sync: syncRouter,
	auth: authRouter,
	account: accountRouter,
	adminAccounts: adminAccountsRouter,
	dev: devRouter,
	family: familyRouter,
	feedback: feedbackRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
