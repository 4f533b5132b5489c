// The permission walk: every staff mutation and procedure, called as staff of the request's Kita X,
// staff of another Kita Y, a parent and anonymously. Only X gets through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationArgs, MutationName } from '../../src/lib/domain/mutations';
import type { RequestStatus } from '../../src/lib/domain/placement';
import { SCHEMA_VERSION } from '../../src/lib/sync/protocol';
import { actor, OFFER, staffWorld, walkin, type Actor, type StaffWorld } from './staff-world';

type Case<N extends MutationName = MutationName> = {
	name: N;
	/** Puts the target into the state the mutation needs; returns its arguments. */
	prepare(w: StaffWorld): Promise<MutationArgs<N>>;
	/** What must not have changed after a refused call (and must have, after X's call). */
	effect(w: StaffWorld, args: MutationArgs<N>): Promise<unknown>;
};

const setStatus = (w: StaffWorld, status: RequestStatus, extra: Record<string, string | null> = {}) =>
	w.t.app.database.db
		.updateTable('requests')
		.set({ status, ...extra })
		.where('id', '=', w.requestX)
		.execute();

const statusOfX = (w: StaffWorld) => w.status(w.requestX);
const auditCount = async (w: StaffWorld) =>
	(
		await w.t.app.database.db
			.selectFrom('audit_events')
			.select('id')
			.where('action', 'in', ['request.read', 'export.download'])
			.execute()
	).length;

function c<N extends MutationName>(x: Case<N>): Case {
	return x as unknown as Case;
}

const CASES: Case[] = [
	c({
		name: 'makeOffer',
		prepare: async (w) => {
			await setStatus(w, 'registered');
			return { requestId: w.requestX, expectedStatus: 'registered', ...OFFER };
		},
		effect: statusOfX
	}),
	c({
		name: 'withdrawOffer',
		prepare: async (w) => {
			await setStatus(w, 'offered', { offer_expires_at: '2026-12-30T00:00:00.000Z' });
			return { requestId: w.requestX, expectedStatus: 'offered' };
		},
		effect: statusOfX
	}),
	c({
		name: 'rejectRequest',
		prepare: async (w) => {
			await setStatus(w, 'registered');
			return { requestId: w.requestX, expectedStatus: 'registered', reason: 'admissionCriteria', note: '' };
		},
		effect: statusOfX
	}),
	c({
		name: 'recordAnswer',
		prepare: async (w) => {
			await setStatus(w, 'offered', { offer_expires_at: '2026-12-30T00:00:00.000Z' });
			return { requestId: w.requestX, expectedStatus: 'offered', answer: 'accept' };
		},
		effect: statusOfX
	}),
	c({
		name: 'concludeContract',
		prepare: async (w) => {
			await setStatus(w, 'accepted');
			return { requestId: w.requestX, expectedStatus: 'accepted' };
		},
		effect: statusOfX
	}),
	c({
		name: 'createWalkin',
		prepare: async (w) =>
			(await walkin(w.kitaX, { firstName: 'Paul', lastName: 'Probe', birthDate: '2023-01-02' })).args,
		effect: async (w, args) =>
			(await w.t.app.database.db
				.selectFrom('families')
				.select('id')
				.where('id', '=', args.familyId)
				.executeTakeFirst()) ?? null
	}),
	c({
		name: 'renewClaimCode',
		prepare: async (w) => {
			const family = await w.t.app.database.db
				.selectFrom('families')
				.select('id')
				.where('source', '=', 'walkin')
				.executeTakeFirstOrThrow();
			return { familyId: family.id, claimCodeHash: 'a'.repeat(64) };
		},
		effect: async (w, args) =>
			(
				await w.t.app.database.db
					.selectFrom('families')
					.select('claim_code_hash')
					.where('id', '=', args.familyId)
					.executeTakeFirstOrThrow()
			).claim_code_hash
	}),
	c({
		name: 'decideDuplicate',
		prepare: async (w) => {
			// A walk-in at X of the child the family registered online.
			const { args } = await walkin(w.kitaX);
			await w.push(w.staffX, 'createWalkin', args);
			const candidate = await w.t.app.database.db
				.selectFrom('duplicate_candidates')
				.select('id')
				.where('child_id', '=', args.child.id)
				.executeTakeFirstOrThrow();
			return { candidateId: candidate.id, decision: 'separate' };
		},
		effect: async (w, args) =>
			(
				await w.t.app.database.db
					.selectFrom('duplicate_candidates')
					.select('status')
					.where('id', '=', args.candidateId)
					.executeTakeFirstOrThrow()
			).status
	}),
	c({
		name: 'auditRead',
		prepare: async (w) => ({ kind: 'request', id: w.requestX }),
		effect: auditCount
	}),
	c({
		name: 'moveInQueue',
		prepare: async (w) => ({
			id: crypto.randomUUID(),
			requestId: await secondRequestAtX(w),
			anchorRequestId: w.requestX,
			placement: 'before',
			reason: 'Härtefall laut Bescheid'
		}),
		effect: async (w, args) =>
			(
				await w.t.app.database.db
					.selectFrom('queue_moves')
					.select('id')
					.where('request_id', '=', args.requestId)
					.execute()
			).length
	})
];

/** A second child of the family, registered at X (for a move next to Mia's request). */
async function secondRequestAtX(w: StaffWorld): Promise<string> {
	const childId = crypto.randomUUID();
	const requestId = crypto.randomUUID();
	await w.push(w.parent, 'saveChild', {
		id: childId,
		firstName: 'Ben',
		lastName: 'Muster',
		birthDate: '2023-06-01'
	});
	await w.push(w.parent, 'submitRegistration', {
		registrationId: crypto.randomUUID(),
		childId,
		items: [
			{
				requestId,
				facilityId: w.kitaX,
				startDate: '2027-08-01',
				weeklyHours: 35,
				changeRequest: false,
				comment: ''
			}
		]
	});
	return requestId;
}

describe('permission walk over every staff mutation', () => {
	let w: StaffWorld;
	let anonymousClient: string;
	beforeAll(async () => {
		w = await staffWorld();
		anonymousClient = crypto.randomUUID();
	});
	afterAll(async () => {
		await w.close();
	});

	async function attempt(who: Actor, name: MutationName, args: unknown) {
		const mutation = { id: who.next++, name, args, createdAt: w.t.clock.now().toISOString() };
		await w.t.caller({ session: who.session }).sync.push({
			clientId: who.clientId,
			userId: who.session.userId,
			schemaVersion: SCHEMA_VERSION,
			mutations: [mutation]
		});
		return w.lastRejection(who);
	}

	it.each(CASES.map((k) => [k.name, k] as const))(
		'%s: only staff of the Kita get through',
		async (_name, k) => {
			const args = await k.prepare(w);
			const before = await k.effect(w, args as never);

			// staff of another Kita: looks as if it did not exist
			const y = await attempt(w.staffY, k.name, args);
			expect(y?.code).toMatch(/^(notFound|notPermitted)$/);
			expect(JSON.stringify(y?.current ?? null)).not.toContain('Muster');
			expect(await k.effect(w, args as never)).toEqual(before);

			// a parent: not a staff mutation at all
			const p = await attempt(w.parent, k.name, args);
			expect(p?.code).toBe('notPermitted');
			expect(await k.effect(w, args as never)).toEqual(before);

			// anonymous: no push without a login
			await expect(
				w.t.caller().sync.push({
					clientId: anonymousClient,
					schemaVersion: SCHEMA_VERSION,
					mutations: [{ id: 1, name: k.name, args, createdAt: '2026-12-02T09:00:00Z' }]
				})
			).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
			expect(await k.effect(w, args as never)).toEqual(before);

			// staff of X
			expect(await attempt(w.staffX, k.name, args)).toBeUndefined();
			expect(await k.effect(w, args as never)).not.toEqual(before);
		}
	);

	it('auditRead of an export: only for the staff member own Kita', async () => {
		expect(await attempt(w.staffY, 'auditRead', { kind: 'queueExport', id: w.kitaX })).toMatchObject({
			code: 'notPermitted'
		});
		expect(await attempt(w.staffX, 'auditRead', { kind: 'queueExport', id: w.kitaX })).toBeUndefined();
	});

	it('sync.pull: staff of Y never receive X requests, children or guardians; anonymous get the public catalogue only', async () => {
		const y = await w.pull(w.staffY);
		expect(y.patch.put.requests?.map((r) => r.facilityId)).toEqual([w.kitaY]);
		expect(JSON.stringify(y.patch.put)).not.toContain('Paul');
		const anonymous = await w.t
			.caller()
			.sync.pull({ clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null });
		if (anonymous.kind !== 'patch') throw new Error('expected a patch');
		expect(anonymous.patch.put.requests).toBeUndefined();
		expect(anonymous.patch.put.guardians).toBeUndefined();
		expect(anonymous.patch.put.duplicateCandidates).toBeUndefined();
	});

	it('a staff member who loses a Kita gets a reset and nothing of it afterwards', async () => {
		const first = await w.pull(w.staffX);
		expect(first.patch.put.requests?.length).toBeGreaterThan(0);
		const moved = actor({ ...w.staffX.session, facilityIds: [] });
		moved.clientId = w.staffX.clientId;
		const after = await w.pull(moved, first.cookie);
		expect(after.reset).toBe(true);
		expect(after.patch.put.requests).toBeUndefined();
	});
});
