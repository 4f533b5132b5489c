// A small world for the staff tests: one family registered online at two Kitas X and Y, a staff
// member at each, and helpers to push and pull as any of them.
import type { MutationArgs, MutationName } from '../../src/lib/domain/mutations';
import { claimCodeHash, generateClaimCode } from '../../src/lib/domain/staff';
import { SCHEMA_VERSION, type Mutation } from '../../src/lib/sync/protocol';
import type { AuthSession } from '../../server/auth/session';
import { createUserWithSession, someFacilities } from './fixtures';
import { createTestApp, testClock, type TestApp } from './harness';

export interface Actor {
	session: AuthSession;
	clientId: string;
	next: number;
}

export interface StaffWorld {
	t: TestApp;
	parent: Actor;
	staffX: Actor;
	staffY: Actor;
	kitaX: string;
	kitaY: string;
	kitaZ: string;
	childId: string;
	requestX: string;
	requestY: string;
	push<N extends MutationName>(actor: Actor, name: N, args: MutationArgs<N>): Promise<void>;
	pull(actor: Actor, cookie?: string | null): Promise<PullPatch>;
	status(requestId: string): Promise<string>;
	/** The rejection the server recorded for the actor's last mutation, if any. */
	lastRejection(actor: Actor): Promise<{ code: string; current: unknown } | undefined>;
	close(): Promise<void>;
}

export type PullPatch = Extract<
	Awaited<ReturnType<ReturnType<TestApp['caller']>['sync']['pull']>>,
	{ kind: 'patch' }
>;

export function actor(session: AuthSession): Actor {
	return { session, clientId: crypto.randomUUID(), next: 1 };
}

/** 2 Dec 2026: the running year 2026/27, and offers for 2027/28 are open since 1 Dec. */
export async function staffWorld(start = '2026-12-02T09:00:00Z'): Promise<StaffWorld> {
	const t = await createTestApp({ clock: testClock(start) });
	const db = t.app.database.db;
	const [x, y, z] = await someFacilities(db, 3, { weeklyHours: 35 });
	if (!x || !y || !z) throw new Error('demo data has too few Kitas');
	const now = t.clock.now();
	const parent = actor(await createUserWithSession(db, now, 'parent', { email: 'eltern@example.org' }));
	const staffX = actor(await createUserWithSession(db, now, 'staff', { facilityIds: [x.id] }));
	const staffY = actor(await createUserWithSession(db, now, 'staff', { facilityIds: [y.id] }));

	async function push<N extends MutationName>(who: Actor, name: N, args: MutationArgs<N>): Promise<void> {
		const mutation: Mutation = { id: who.next++, name, args, createdAt: t.clock.now().toISOString() };
		const result = await t.caller({ session: who.session }).sync.push({
			clientId: who.clientId,
			userId: who.session.userId,
			schemaVersion: SCHEMA_VERSION,
			mutations: [mutation]
		});
		if (result.kind !== 'ok') throw new Error(`push: ${result.kind}`);
	}
	async function pull(who: Actor, cookie: string | null = null): Promise<PullPatch> {
		const result = await t.caller({ session: who.session }).sync.pull({
			clientId: who.clientId,
			userId: who.session.userId,
			schemaVersion: SCHEMA_VERSION,
			cookie
		});
		if (result.kind !== 'patch') throw new Error('expected a patch');
		return result;
	}

	const childId = crypto.randomUUID();
	const requestX = crypto.randomUUID();
	const requestY = crypto.randomUUID();
	await push(parent, 'saveGuardian', {
		id: crypto.randomUUID(),
		position: 1,
		firstName: 'Anna',
		lastName: 'Muster',
		street: 'Steinerstraße 3',
		postcode: '59457',
		town: 'Werl',
		phone: '02922 123',
		email: 'anna@example.org'
	});
	await push(parent, 'saveChild', {
		id: childId,
		firstName: 'Mia',
		lastName: 'Muster',
		birthDate: '2024-03-10'
	});
	await push(parent, 'submitRegistration', {
		registrationId: crypto.randomUUID(),
		childId,
		items: [x.id, y.id].map((facilityId, i) => ({
			requestId: i === 0 ? requestX : requestY,
			facilityId,
			startDate: '2027-08-01',
			weeklyHours: 35 as const,
			changeRequest: false,
			comment: ''
		}))
	});
	return {
		t,
		parent,
		staffX,
		staffY,
		kitaX: x.id,
		kitaY: y.id,
		kitaZ: z.id,
		childId,
		requestX,
		requestY,
		push,
		pull,
		async status(requestId) {
			return (
				await db.selectFrom('requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()
			).status;
		},
		async lastRejection(who) {
			const row = await db
				.selectFrom('sync_rejections')
				.selectAll()
				.where('client_id', '=', who.clientId)
				.where('mutation_id', '=', who.next - 1)
				.executeTakeFirst();
			return row
				? { code: row.code, current: row.current ? (JSON.parse(row.current) as unknown) : undefined }
				: undefined;
		},
		close: () => t.close()
	};
}

export const OFFER = { startDate: '2027-08-01', weeklyHours: 35 as const, note: 'Gruppe Sonnenblumen' };

/** Offer, accept (recorded by staff) and contract at one Kita. */
export async function contractAt(w: StaffWorld, staff: Actor, requestId: string): Promise<void> {
	await w.push(staff, 'makeOffer', { requestId, expectedStatus: 'registered', ...OFFER });
	await w.push(staff, 'recordAnswer', { requestId, expectedStatus: 'offered', answer: 'accept' });
	await w.push(staff, 'concludeContract', { requestId, expectedStatus: 'accepted' });
}

/** Arguments of a walk-in registration at `facilityId`, with its claim code. */
export async function walkin(
	facilityId: string,
	child: { firstName: string; lastName: string; birthDate: string } = {
		firstName: 'Mia',
		lastName: 'Muster',
		birthDate: '2024-03-10'
	},
	email = ''
): Promise<{ args: MutationArgs<'createWalkin'>; code: string }> {
	const code = generateClaimCode((n) => crypto.getRandomValues(new Uint8Array(n)));
	return {
		code,
		args: {
			familyId: crypto.randomUUID(),
			registrationId: crypto.randomUUID(),
			requestId: crypto.randomUUID(),
			facilityId,
			claimCodeHash: await claimCodeHash(code),
			guardians: [
				{
					id: crypto.randomUUID(),
					position: 1,
					firstName: 'Jelena',
					lastName: 'Muster',
					street: 'Bahnhofstraße 12',
					postcode: '59457',
					town: 'Werl',
					phone: '02922 4567',
					email
				}
			],
			child: { id: crypto.randomUUID(), ...child },
			startDate: '2027-08-01',
			weeklyHours: 35,
			changeRequest: false,
			comment: 'Anmeldung vor Ort',
			privacySigned: true
		}
	};
}

// ---------------------------------------------------------------------------------------------
// The link tests' story: Mia, registered online by the world's parent, is registered in person at
// Kita Z too; a second account claims that walk-in; staff of Z propose to link it into the online
// child; both records now belong to accounts, so the youth office decides.

/** A staff member of Kita Z, where the walk-in is entered. */
export async function staffOfZ(w: StaffWorld): Promise<Actor> {
	return actor(
		await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'staff', { facilityIds: [w.kitaZ] })
	);
}

/** Mia's walk-in at Z, claimed by a second account (jelena@example.org) before staff decide. */
export async function claimedWalkin(w: StaffWorld, staffZ: Actor) {
	const walk = await walkin(w.kitaZ);
	await w.push(staffZ, 'createWalkin', walk.args);
	const claimer = actor(
		await createUserWithSession(w.t.app.database.db, w.t.clock.now(), 'parent', {
			email: 'jelena@example.org'
		})
	);
	await w.t.caller({ session: claimer.session }).family.claim({ code: walk.code, birthDate: '2024-03-10' });
	return { walk, claimer, stubId: walk.args.child.id };
}

/**
 * Staff of Z propose the open possible duplicate as the same child; only then is it linked — by the
 * family holding the other record when the walk-in has no account, by the youth office when both
 * records belong to accounts (the claimed walk-in of the link story). Returns the pair's id.
 */
export async function linkOpenCandidate(w: StaffWorld, staffZ: Actor): Promise<string> {
	const db = w.t.app.database.db;
	const candidate = await db
		.selectFrom('duplicate_candidates')
		.select('id')
		.where('status', '=', 'open')
		.executeTakeFirstOrThrow();
	await w.push(staffZ, 'decideDuplicate', { candidateId: candidate.id, decision: 'ask' });
	const refused = await w.lastRejection(staffZ);
	if (refused) throw new Error(`the proposal was refused: ${refused.code}`);
	const { status } = await db
		.selectFrom('duplicate_candidates')
		.select('status')
		.where('id', '=', candidate.id)
		.executeTakeFirstOrThrow();
	if (status === 'awaitingOffice') {
		const admin = await createUserWithSession(db, w.t.clock.now(), 'admin');
		await w.t
			.caller({ session: admin })
			.youthOffice.decideDuplicate({ candidateId: candidate.id, decision: 'link' });
		return candidate.id;
	}
	await w.push(w.parent, 'answerLinkQuestion', { candidateId: candidate.id, answer: 'mine' });
	const declined = await w.lastRejection(w.parent);
	if (declined) throw new Error(`the family's confirmation was refused: ${declined.code}`);
	return candidate.id;
}
