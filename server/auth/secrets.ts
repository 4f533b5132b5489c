// Server secrets that the environment may give; otherwise generated once and kept in the database,
// so that a restart does not invalidate what was signed before it.
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Executor } from '../db/database';

/** The name under which the captcha's HMAC key is kept when the environment gives none. */
export const ALTCHA_SECRET_NAME = 'altcha-hmac-key';

export async function appSecret(db: Executor, name: string, now: Date): Promise<string> {
	const existing = await db
		.selectFrom('app_secrets')
		.select('value')
		.where('name', '=', name)
		.executeTakeFirst();
	if (existing) return existing.value;
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	await db
		.insertInto('app_secrets')
		.values({ name, value: encodeHexLowerCase(bytes), created_at: now.toISOString() })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
	// Read back: when two requests raced, both use the one that was stored first.
	const row = await db
		.selectFrom('app_secrets')
		.select('value')
		.where('name', '=', name)
		.executeTakeFirstOrThrow();
	return row.value;
}
