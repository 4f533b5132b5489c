// Found by the review of issue 12: the export names other people by role only (PERSON_COLUMNS) — but duplicate_candidates'
// asked_by (migration 0009, the staff member who proposed a link) is not in the list: the parent's
// export carries the staff member's user id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffOfZ, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

describe('security: the export names the staff member who proposed a link by role', () => {
	let w: StaffWorld;
	let staffZ: Actor;
	beforeEach(async () => {
		w = await staffWorld();
		staffZ = await staffOfZ(w);
	});
	afterEach(async () => {
		await w.close();
	});

	it('names the staff member who asked only by role', async () => {
		const db = w.t.app.database.db;
		const walk = await walkin(w.kitaZ);
		await w.push(staffZ, 'createWalkin', walk.args);
		const pair = await db.selectFrom('duplicate_candidates').select('id').executeTakeFirstOrThrow();
		await w.push(staffZ, 'decideDuplicate', { candidateId: pair.id, decision: 'ask' });
		const data = await w.t.caller({ session: w.parent.session }).privacy.export();
		expect(JSON.stringify(data)).not.toContain(staffZ.session.userId);
	});
});
