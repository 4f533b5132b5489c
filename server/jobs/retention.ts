// Retention (data protection): deletes or anonymises what the portal no longer needs, by server
// time, on a timer and by `npm run retention`. Periods come from the configuration (README); the
// policies — what each selects, does, and after which period — are the list in
// server/commands/retention/index.ts, run in order as one command of the system.
import { sql } from 'kysely';
import type { RetentionPeriods } from '../../src/lib/domain/retention';
import { DEFAULT_ACCOUNT_RETENTION, type AccountRetentionPeriods } from '../config';
import type { Db } from '../db/database';
import { engineOf } from '../db/engine';
import { SYSTEM_ACTOR } from '../commands/context';
import { runCommand } from '../commands/run';
import {
	applyRetention,
	RETENTION_POLICIES,
	type RetentionPolicy,
	type RetentionResult
} from '../commands/retention';
import { everyInterval, type IntervalJob } from './interval';

export type { RetentionResult } from '../commands/retention';

export interface RetentionDeps {
	db: Db;
	now: () => Date;
	/** The account periods default to the privacy page's promises (30 days, three years). */
	periods: RetentionPeriods & Partial<AccountRetentionPeriods>;
}

export async function runRetention(
	deps: RetentionDeps,
	policies: readonly RetentionPolicy[] = RETENTION_POLICIES
): Promise<RetentionResult> {
	const periods = { ...DEFAULT_ACCOUNT_RETENTION, ...deps.periods };
	// Retention sends no mail: no origin or office address is needed.
	const host = { database: { db: deps.db }, now: deps.now, config: { origin: '', youthOfficeAddress: '' } };
	const result = await runCommand(host, SYSTEM_ACTOR, (ctx) => applyRetention(ctx, periods, policies));
	// WAL mode keeps deleted pages until a checkpoint: make the deletion real on disk soon.
	if (engineOf(deps.db) === 'sqlite') await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(deps.db);
	return result;
}

export type RetentionJob = IntervalJob<RetentionResult | null>;

export function startRetention(deps: RetentionDeps, intervalMs: number): RetentionJob {
	return everyInterval('Retention round', () => runRetention(deps), null, intervalMs, { db: deps.db });
}
