// A world for the youth office's tests: one actor per role (admin, Fachberatung, Kita staff,
// parent) on the demo catalogue, helpers to push and pull as any of them, and to register a child.
import type { MutationArgs, MutationName } from '../../src/lib/domain/mutations';
import { SCHEMA_VERSION, type Mutation } from '../../src/lib/sync/protocol';
import type { AuthSession } from '../../server/auth/session';
import { runRetention } from '../../server/jobs/retention';
import { DEFAULT_RETENTION, type RetentionPeriods } from '../../src/lib/domain/retention';
import { createUserWithSession, someFacilities } from './fixtures';
import { createTestApp, testClock, type TestApp } from './harness';

export interface Actor {
	session: AuthSession;
	clientId: string;
	next: number;
}

export type PullPatch = Extract<
	Awaited<ReturnType<ReturnType<TestApp['caller']>['sync']['pull']>>,
	{ kind: 'patch' }
>;

export function actor(session: AuthSession): Actor {
	return { session, clientId: crypto.randomUUID(), next: 1 };
}

export interface OfficeWorld {
	t: TestApp;
	admin: Actor;
	adviser: Actor;
	staff: Actor;
	parent: Actor;
	kitaX: string;
	kitaY: string;
	kitaZ: string;
	push<N extends MutationName>(who: Actor, name: N, args: MutationArgs<N>): Promise<Rejected | null>;
	pull(who: Actor | null, cookie?: string | null): Promise<PullPatch>;
	/** Creates guardian and child for `who` (a parent); returns the child id. */
	family(who: Actor, child?: { firstName?: string; birthDate?: string }): Promise<string>;
	/** Registers the child at the Kitas; returns one request id per Kita. */
	register(
		who: Actor,
		childId: string,
		kitas: string[],
		startDate: string,
		weeklyHours?: 25 | 35 | 45
	): Promise<string[]>;
	parentOf(email: string): Promise<Actor>;
	close(): Promise<void>;
}

export interface Rejected {
	code: string;
	current: unknown;
}

export async function officeWorld(start = '2026-11-25T09:00:00Z'): Promise<OfficeWorld> {
	const t = await createTestApp({ clock: testClock(start) });
	const db = t.app.database.db;
	const [x, y, z] = await someFacilities(db, 3, { weeklyHours: 35 });
	if (!x || !y || !z) throw new Error('demo data has too few Kitas');
	const now = t.clock.now();
	const admin = actor(await createUserWithSession(db, now, 'admin'));
	const adviser = actor(await createUserWithSession(db, now, 'childminding'));
	const staff = actor(await createUserWithSession(db, now, 'staff', { facilityIds: [x.id] }));
	const parent = actor(await createUserWithSession(db, now, 'parent', { email: 'eltern@example.org' }));

	async function push<N extends MutationName>(
		who: Actor,
		name: N,
		args: MutationArgs<N>
	): Promise<Rejected | null> {
		const id = who.next++;
		const mutation: Mutation = { id, name, args, createdAt: t.clock.now().toISOString() };
		const result = await t.caller({ session: who.session }).sync.push({
			clientId: who.clientId,
			userId: who.session.userId,
			schemaVersion: SCHEMA_VERSION,
			mutations: [mutation]
		});
		if (result.kind !== 'ok') throw new Error(`push: ${result.kind}`);
		const row = await db
			.selectFrom('sync_rejections')
			.selectAll()
			.where('client_id', '=', who.clientId)
			.where('mutation_id', '=', id)
			.executeTakeFirst();
		return row
			? { code: row.code, current: row.current ? (JSON.parse(row.current) as unknown) : undefined }
			: null;
	}
	async function pull(who: Actor | null, cookie: string | null = null): Promise<PullPatch> {
		const result = await t.caller({ session: who?.session ?? null }).sync.pull({
			clientId: who?.clientId ?? null,
			userId: who?.session.userId ?? null,
			schemaVersion: SCHEMA_VERSION,
			cookie
		});
		if (result.kind !== 'patch') throw new Error('expected a patch');
		return result;
	}
	async function family(who: Actor, child: { firstName?: string; birthDate?: string } = {}): Promise<string> {
		const childId = crypto.randomUUID();
		const guardian = await db
			.selectFrom('guardians')
			.innerJoin('families', 'families.id', 'guardians.family_id')
			.select('guardians.id')
			.where('families.owner_user_id', '=', who.session.userId)
			.executeTakeFirst();
		if (!guardian)
			await expectOk(
				push(who, 'saveGuardian', {
					id: crypto.randomUUID(),
					position: 1,
					firstName: 'Anna',
					lastName: 'Muster',
					street: 'Steinerstraße 3',
					postcode: '59457',
					town: 'Werl',
					phone: '02922 123',
					email: 'anna@example.org'
				})
			);
		await expectOk(
			push(who, 'saveChild', {
				id: childId,
				firstName: child.firstName ?? 'Mia',
				lastName: 'Muster',
				birthDate: child.birthDate ?? '2024-03-10'
			})
		);
		return childId;
	}
	async function register(
		who: Actor,
		childId: string,
		kitas: string[],
		startDate: string,
		weeklyHours: 25 | 35 | 45 = 35
	): Promise<string[]> {
		const ids = kitas.map(() => crypto.randomUUID());
		await expectOk(
			push(who, 'submitRegistration', {
				registrationId: crypto.randomUUID(),
				childId,
				items: kitas.map((facilityId, i) => ({
					requestId: ids[i] as string,
					facilityId,
					startDate,
					weeklyHours,
					changeRequest: false,
					comment: 'Bitte mit Mittagessen'
				}))
			})
		);
		return ids;
	}
	return {
		t,
		admin,
		adviser,
		staff,
		parent,
		kitaX: x.id,
		kitaY: y.id,
		kitaZ: z.id,
		push,
		pull,
		family,
		register,
		parentOf: async (email) => actor(await createUserWithSession(db, t.clock.now(), 'parent', { email })),
		close: () => t.close()
	};
}

/** Fails with the refusal when a push was not applied. */
export async function expectOk(result: Promise<Rejected | null>): Promise<void> {
	const rejected = await result;
	if (rejected) throw new Error(`refused: ${rejected.code} ${JSON.stringify(rejected.current)}`);
}

export const DAY = 86_400_000;

/**
 * What the retention tests do with a world: run the job with the privacy page's periods, and let
 * the world's parent use the account (nothing of the family is due for being unused then).
 */
export function retentionSteps(world: () => OfficeWorld) {
	const db = () => world().t.app.database.db;
	return {
		db,
		run: (periods: RetentionPeriods = { ...DEFAULT_RETENTION }) =>
			runRetention({ db: db(), now: world().t.clock.now, periods }),
		parentLogsIn: () =>
			db()
				.updateTable('users')
				.set({ last_login_at: world().t.clock.now().toISOString() })
				.where('id', '=', world().parent.session.userId)
				.execute()
	};
}
