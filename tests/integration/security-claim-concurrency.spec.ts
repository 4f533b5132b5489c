// Review of issue 18: claiming a walk-in family reads whether it is still unowned and then takes it.
// On PostgreSQL requests run side by side; the change counter every command holds first
// (holdChangeCounter) is what keeps two parents with the same receipt from both passing the check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserWithSession } from './fixtures';
import { staffWorld, walkin, type StaffWorld } from './staff-world';

describe('security: one receipt claimed by many parents at once', () => {
	let w: StaffWorld;
	beforeEach(async () => {
		w = await staffWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	it('gives the family to exactly one of them', async () => {
		const db = w.t.app.database.db;
		const mia = { firstName: 'Mia', lastName: 'Eins', birthDate: '2024-02-02' };
		const family = await walkin(w.kitaX, mia);
		await w.push(w.staffX, 'createWalkin', family.args);
		const parents = await Promise.all(
			Array.from({ length: 8 }, (_, i) =>
				createUserWithSession(db, w.t.clock.now(), 'parent', { email: `p${i}@example.org` })
			)
		);
		const outcomes = await Promise.allSettled(
			parents.map((session) =>
				w.t.caller({ session }).family.claim({ code: family.code, birthDate: mia.birthDate })
			)
		);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		const owners = await db
			.selectFrom('families')
			.select('owner_user_id')
			.where(
				'owner_user_id',
				'in',
				parents.map((p) => p.userId)
			)
			.execute();
		expect(owners).toHaveLength(1);
	});
});
