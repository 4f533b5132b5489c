// Two app nodes starting at once on one PostgreSQL database (issue 18) would both find the demo data
// missing and both insert it (the second start then fails on a duplicate key). This lock, held until
// the seeding transaction ends, makes the second wait and then find the rows there. SQLite serves
// one node per database file, so there it does nothing.
import { sql } from 'kysely';
import type { Tx } from '../db/database';
import { engineOf } from '../db/engine';

/** Any fixed number the portal uses for nothing else (migrate-postgres.ts holds 'kita'). */
const DEMO_SEED_LOCK = 0x6b697464; // 'kitd'

/** Call first in a seeding transaction: later statements see what an earlier seeder committed. */
export async function lockDemoSeeding(tx: Tx): Promise<void> {
	if (engineOf(tx) === 'postgres') await sql`SELECT pg_advisory_xact_lock(${DEMO_SEED_LOCK})`.execute(tx);
}
