// Issue 17, point 2: the guardians' employment or training — declared by the parents per guardian
// (optional) or recorded at the desk for a walk-in — is what the criterion
// `guardiansEmployedOrTraining` reads, in the staff queue and in the offer round.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { employedFamilies } from '../../src/lib/domain/employment';
import { roundInput } from '../../server/services/round-input';
import { staffWorld, walkin, type StaffWorld } from './staff-world';

describe('employment or training of the guardians', () => {
	let w: StaffWorld;
	beforeEach(async () => {
		w = await staffWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	const guardianOf = async () => {
		const pulled = await w.pull(w.parent);
		const guardian = pulled.patch.put.guardians?.[0];
		if (!guardian) throw new Error('no guardian');
		return guardian;
	};
	const childInRound = async (childId: string) =>
		(await roundInput(w.t.app.database.db, '2027-28', 1))?.input.children.find((c) => c.id === childId);

	it('is false until the parents declare it; the Kita and the round read the declaration', async () => {
		const guardian = await guardianOf();
		expect(guardian.employedOrTraining).toBe(false);
		expect((await childInRound(w.childId))?.guardiansEmployedOrTraining).toBe(false);

		const { familyId: _family, ...input } = guardian;
		await w.push(w.parent, 'saveGuardian', { ...input, employedOrTraining: true });
		expect(await w.lastRejection(w.parent)).toBeUndefined();
		const staff = await w.pull(w.staffX);
		expect(staff.patch.put.guardians?.map((g) => g.employedOrTraining)).toEqual([true]);
		expect(employedFamilies(staff.patch.put.guardians ?? [])).toEqual(new Set([guardian.familyId]));
		expect((await childInRound(w.childId))?.guardiansEmployedOrTraining).toBe(true);

		// A change from an older form (without the field) leaves the declaration as it is.
		const { employedOrTraining: _declared, ...older } = input;
		await w.push(w.parent, 'saveGuardian', { ...older, phone: '02922 999' });
		expect((await guardianOf()).employedOrTraining).toBe(true);

		// A second guardian who does not work: the family no longer meets the criterion.
		await w.push(w.parent, 'saveGuardian', {
			...older,
			id: crypto.randomUUID(),
			position: 2,
			firstName: 'Tom',
			employedOrTraining: false
		});
		expect((await childInRound(w.childId))?.guardiansEmployedOrTraining).toBe(false);
	});

	it('is recorded at the desk for a walk-in', async () => {
		const walk = await walkin(w.kitaX, { firstName: 'Lale', lastName: 'Yilmaz', birthDate: '2024-02-02' });
		const args = {
			...walk.args,
			guardians: walk.args.guardians.map((g) => ({ ...g, employedOrTraining: true }))
		};
		await w.push(w.staffX, 'createWalkin', args);
		expect(await w.lastRejection(w.staffX)).toBeUndefined();
		expect((await childInRound(args.child.id))?.guardiansEmployedOrTraining).toBe(true);
	});
});
