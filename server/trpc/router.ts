import { createCallerFactory, router } from './init';
import { syncRouter } from './routers/sync';

export const appRouter = router({
	sync: syncRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
