import { createCallerFactory, router } from './init';
import { accountRouter } from './routers/account';
import { adminAccountsRouter } from './routers/admin-accounts';
import { authRouter } from './routers/auth';
import { devRouter } from './routers/dev';
import { familyRouter } from './routers/family';
import { feedbackRouter } from './routers/feedback';
import { privacyRouter } from './routers/privacy';
import { syncRouter } from './routers/sync';
import { youthOfficeRouter } from './routers/youth-office';

export const appRouter = router({
	sync: syncRouter,
	auth: authRouter,
	account: accountRouter,
	adminAccounts: adminAccountsRouter,
	dev: devRouter,
	family: familyRouter,
	feedback: feedbackRouter,
	youthOffice: youthOfficeRouter,
	privacy: privacyRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
