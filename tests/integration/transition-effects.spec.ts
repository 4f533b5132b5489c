// Issue 15, point 2: one effects table per transition. Walks every event of the placement and the
// child-minding machine from every entry point that can trigger it (staff and parent mutations,
// the Fachberatung, the offer-expiry and carry-over jobs, a contract elsewhere, the privacy
// service's withdrawal) and checks that the mails in the outbox, the users poked and the audit rows
// are exactly what server/commands/transition-effects.ts says. It iterates the table: a new event
// without a scenario here fails.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHILDMINDING_EVENTS, type ChildmindingEvent } from '../../src/lib/domain/childminding';
import { PLACEMENT_EVENTS, type PlacementEvent } from '../../src/lib/domain/placement';
import type { UserId } from '../../src/lib/domain/ids';
import { SYSTEM_ACTOR } from '../../server/commands/context';
import { runCommand } from '../../server/commands/run';
import { withdrawChildmindingRequest } from '../../server/commands/transition-childminding';
import {
	CHILDMINDING_EFFECTS,
	PLACEMENT_EFFECTS,
	type Audience,
	type TransitionEffects
} from '../../server/commands/transition-effects';
import { runCarryOver } from '../../server/jobs/carry-over';
import { expireOffers } from '../../server/jobs/offer-expiry';
import { createUserWithSession } from './fixtures';
import { actor, DAY, expectOk, officeWorld, type Actor, type OfficeWorld } from './office-world';

const poked = vi.hoisted(() => [] as string[][]);
vi.mock('../../server/events/poke', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../server/events/poke')>();
	return {
		...real,
		poke(ids: Iterable<string>) {
			const list = [...ids];
			poked.push(list);
			real.poke(list);
		}
	};
});

type Step =
	| { machine: 'placement'; event: PlacementEvent; id: string; by: Who }
	| { machine: 'childminding'; event: ChildmindingEvent; id: string; by: Who };
/** Who made the step: the family, someone else (staff, Fachberatung), or the system. */
type Who = 'family' | 'other' | 'system';

interface World extends OfficeWorld {
	staffY: Actor;
	staffZ: Actor;
}

const OFFER = { startDate: '2027-08-01', weeklyHours: 35 as const, note: '' };

async function world(start = '2026-12-02T09:00:00Z'): Promise<World> {
	const w = await officeWorld(start);
	const db = w.t.app.database.db;
	const now = w.t.clock.now();
	return {
		...w,
		staffY: actor(await createUserWithSession(db, now, 'staff', { facilityIds: [w.kitaY] })),
		staffZ: actor(await createUserWithSession(db, now, 'staff', { facilityIds: [w.kitaZ] }))
	};
}

/** Staff of the Kita whose request it is. */
function staffAt(w: World, kita: string): Actor {
	if (kita === w.kitaX) return w.staff;
	if (kita === w.kitaY) return w.staffY;
	return w.staffZ;
}

async function childWithRequests(w: World, kitas: string[], startDate = '2027-08-01') {
	const childId = await w.family(w.parent);
	const ids = await w.register(w.parent, childId, kitas, startDate);
	return { childId, ids };
}

async function offerAndAccept(w: World, kita: string, requestId: string): Promise<void> {
	const staff = staffAt(w, kita);
	await expectOk(w.push(staff, 'makeOffer', { requestId, expectedStatus: 'registered', ...OFFER }));
	await expectOk(w.push(staff, 'recordAnswer', { requestId, expectedStatus: 'offered', answer: 'accept' }));
}

async function submitChildminding(w: World): Promise<string> {
	const childId = await w.family(w.parent, { birthDate: '2025-09-01' });
	const id = crypto.randomUUID();
	await expectOk(
		w.push(w.parent, 'submitChildminding', {
			id,
			childId,
			startDate: '2027-02-01',
			weeklyHours: 35,
			comment: ''
		})
	);
	return id;
}

/** An acceptance ends the child's other requests of that Kita year (issue 17). */
function acceptCovers(answer: 'accept' | 'decline'): readonly (readonly ['placement', PlacementEvent])[] {
	return answer === 'accept'
		? [
				['placement', 'accept'],
				['placement', 'acceptElsewhere']
			]
		: [['placement', answer]];
}

function endedBy(answer: 'accept' | 'decline', ids: string[]): Step[] {
	return answer === 'accept'
		? ids.slice(1).map((id) => ({ machine: 'placement', event: 'acceptElsewhere', id, by: 'system' }))
		: [];
}

interface Scenario {
	entry: string;
	/** The events this entry point triggers, each with the machine it belongs to. */
	covers: readonly (readonly ['placement', PlacementEvent] | readonly ['childminding', ChildmindingEvent])[];
	start?: string;
	/** Prepares the world, then returns the action and the steps it makes (and the pushing user). */
	run(w: World): Promise<{ act: () => Promise<unknown>; steps: Step[]; sender?: Actor }>;
}

const SCENARIOS: Scenario[] = [
	{
		entry: 'staff makeOffer',
		covers: [['placement', 'offer']],
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
			const id = ids[0] as string;
			return {
				sender: w.staff,
				act: () =>
					expectOk(w.push(w.staff, 'makeOffer', { requestId: id, expectedStatus: 'registered', ...OFFER })),
				steps: [{ machine: 'placement', event: 'offer', id, by: 'other' }]
			};
		}
	},
	{
		entry: 'staff withdrawOffer',
		covers: [['placement', 'withdrawOffer']],
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
			const id = ids[0] as string;
			await expectOk(w.push(w.staff, 'makeOffer', { requestId: id, expectedStatus: 'registered', ...OFFER }));
			return {
				sender: w.staff,
				act: () => expectOk(w.push(w.staff, 'withdrawOffer', { requestId: id, expectedStatus: 'offered' })),
				steps: [{ machine: 'placement', event: 'withdrawOffer', id, by: 'other' }]
			};
		}
	},
	...(['accept', 'decline'] as const).flatMap((answer): Scenario[] => [
		{
			entry: `staff recordAnswer ${answer}`,
			covers: acceptCovers(answer),
			async run(w) {
				const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
				const id = ids[0] as string;
				await expectOk(
					w.push(w.staff, 'makeOffer', { requestId: id, expectedStatus: 'registered', ...OFFER })
				);
				return {
					sender: w.staff,
					act: () =>
						expectOk(w.push(w.staff, 'recordAnswer', { requestId: id, expectedStatus: 'offered', answer })),
					steps: [{ machine: 'placement', event: answer, id, by: 'other' }, ...endedBy(answer, ids)]
				};
			}
		},
		{
			entry: `parent answerOffer ${answer}`,
			covers: acceptCovers(answer),
			async run(w) {
				const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
				const id = ids[0] as string;
				await expectOk(
					w.push(w.staff, 'makeOffer', { requestId: id, expectedStatus: 'registered', ...OFFER })
				);
				return {
					sender: w.parent,
					act: () =>
						expectOk(w.push(w.parent, 'answerOffer', { requestId: id, expectedStatus: 'offered', answer })),
					steps: [{ machine: 'placement', event: answer, id, by: 'family' }, ...endedBy(answer, ids)]
				};
			}
		}
	]),
	{
		// Issue 17: the child holds one offer; the Kita the parents ranked higher offers.
		entry: 'staff makeOffer of a higher choice (releases the lower offer)',
		covers: [
			['placement', 'offer'],
			['placement', 'release']
		],
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
			const [x, y] = ids as [string, string];
			await expectOk(w.push(w.staffY, 'makeOffer', { requestId: y, expectedStatus: 'registered', ...OFFER }));
			return {
				sender: w.staff,
				act: () =>
					expectOk(w.push(w.staff, 'makeOffer', { requestId: x, expectedStatus: 'registered', ...OFFER })),
				steps: [
					{ machine: 'placement', event: 'offer', id: x, by: 'other' },
					{ machine: 'placement', event: 'release', id: y, by: 'system' }
				]
			};
		}
	},
	{
		// Review of issue 17: the offer that released the lower one is taken back; that one waits again.
		entry: 'staff withdrawOffer of an offer that released another (reinstates it)',
		covers: [['placement', 'reinstate']],
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
			const [x, y] = ids as [string, string];
			await expectOk(w.push(w.staffY, 'makeOffer', { requestId: y, expectedStatus: 'registered', ...OFFER }));
			await expectOk(w.push(w.staff, 'makeOffer', { requestId: x, expectedStatus: 'registered', ...OFFER }));
			return {
				sender: w.staff,
				act: () => expectOk(w.push(w.staff, 'withdrawOffer', { requestId: x, expectedStatus: 'offered' })),
				steps: [
					{ machine: 'placement', event: 'withdrawOffer', id: x, by: 'other' },
					{ machine: 'placement', event: 'reinstate', id: y, by: 'system' }
				]
			};
		}
	},
	{
		entry: 'parent answerOffer decline after accepting',
		covers: [['placement', 'decline']],
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
			const id = ids[0] as string;
			await offerAndAccept(w, w.kitaX, id);
			return {
				sender: w.parent,
				act: () =>
					expectOk(
						w.push(w.parent, 'answerOffer', { requestId: id, expectedStatus: 'accepted', answer: 'decline' })
					),
				steps: [{ machine: 'placement', event: 'decline', id, by: 'family' }]
			};
		}
	},
	{
		entry: 'offer-expiry job',
		covers: [['placement', 'expire']],
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
			const id = ids[0] as string;
			await expectOk(w.push(w.staff, 'makeOffer', { requestId: id, expectedStatus: 'registered', ...OFFER }));
			w.t.clock.advance(15 * DAY);
			return {
				act: async () =>
					expect(
						await expireOffers({ db: w.t.app.database.db, now: w.t.clock.now, origin: w.t.config.origin })
					).toEqual([id]),
				steps: [{ machine: 'placement', event: 'expire', id, by: 'system' }]
			};
		}
	},
	{
		entry: 'staff concludeContract (closes the child’s other requests)',
		covers: [
			['placement', 'contract'],
			['placement', 'placeElsewhere']
		],
		async run(w) {
			const { childId, ids } = await childWithRequests(w, [w.kitaX]);
			const x = ids[0] as string;
			await offerAndAccept(w, w.kitaX, x);
			// Registered after the acceptance (which ended the requests there were): both close.
			const [y, z] = (await w.register(w.parent, childId, [w.kitaY, w.kitaZ], '2027-08-01')) as [
				string,
				string
			];
			return {
				sender: w.staff,
				act: () =>
					expectOk(w.push(w.staff, 'concludeContract', { requestId: x, expectedStatus: 'accepted' })),
				steps: [
					{ machine: 'placement', event: 'contract', id: x, by: 'other' },
					{ machine: 'placement', event: 'placeElsewhere', id: y, by: 'system' },
					{ machine: 'placement', event: 'placeElsewhere', id: z, by: 'system' }
				]
			};
		}
	},
	{
		entry: 'staff concludeContract of a Wechselwunsch (ends the earlier contract)',
		covers: [
			['placement', 'contract'],
			['placement', 'endForChange']
		],
		async run(w) {
			const { childId, ids } = await childWithRequests(w, [w.kitaX]);
			const x = ids[0] as string;
			await offerAndAccept(w, w.kitaX, x);
			await expectOk(w.push(w.staff, 'concludeContract', { requestId: x, expectedStatus: 'accepted' }));
			const y = crypto.randomUUID();
			await expectOk(
				w.push(w.parent, 'submitRegistration', {
					registrationId: crypto.randomUUID(),
					childId,
					items: [
						{
							requestId: y,
							facilityId: w.kitaY,
							startDate: '2027-08-01',
							weeklyHours: 35,
							changeRequest: true,
							comment: ''
						}
					]
				})
			);
			await offerAndAccept(w, w.kitaY, y);
			return {
				sender: w.staffY,
				act: () =>
					expectOk(w.push(w.staffY, 'concludeContract', { requestId: y, expectedStatus: 'accepted' })),
				steps: [
					{ machine: 'placement', event: 'contract', id: y, by: 'other' },
					{ machine: 'placement', event: 'endForChange', id: x, by: 'system' }
				]
			};
		}
	},
	{
		entry: 'staff rejectRequest',
		covers: [['placement', 'reject']],
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
			const id = ids[0] as string;
			return {
				sender: w.staff,
				act: () =>
					expectOk(
						w.push(w.staff, 'rejectRequest', {
							requestId: id,
							expectedStatus: 'registered',
							reason: 'noPlaceAvailable',
							note: ''
						})
					),
				steps: [{ machine: 'placement', event: 'reject', id, by: 'other' }]
			};
		}
	},
	{
		entry: 'parent withdrawRequest',
		covers: [['placement', 'withdraw']],
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
			const id = ids[0] as string;
			return {
				sender: w.parent,
				act: () =>
					expectOk(w.push(w.parent, 'withdrawRequest', { requestId: id, expectedStatus: 'registered' })),
				steps: [{ machine: 'placement', event: 'withdraw', id, by: 'family' }]
			};
		}
	},
	{
		entry: 'parent updateRequest',
		covers: [['placement', 'update']],
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY]);
			const id = ids[0] as string;
			return {
				sender: w.parent,
				act: () =>
					expectOk(
						w.push(w.parent, 'updateRequest', {
							requestId: id,
							expectedStatus: 'registered',
							startDate: '2027-09-01',
							weeklyHours: 35,
							changeRequest: false,
							comment: 'Ab September'
						})
					),
				steps: [{ machine: 'placement', event: 'update', id, by: 'family' }]
			};
		}
	},
	{
		entry: 'carry-over job',
		covers: [['placement', 'carryOver']],
		// 2 Feb 2026: 2026/27 is open for registrations; its allocation ends on 15 Mar.
		start: '2026-02-02T09:00:00Z',
		async run(w) {
			const { ids } = await childWithRequests(w, [w.kitaX, w.kitaY], '2026-09-01');
			const [x, y] = ids as [string, string];
			w.t.clock.set('2026-03-16T06:00:00Z');
			return {
				act: async () => {
					const [result] = await runCarryOver(w.t.app);
					expect(result?.moved.sort()).toEqual([x, y].sort());
				},
				steps: [
					{ machine: 'placement', event: 'carryOver', id: x, by: 'system' },
					{ machine: 'placement', event: 'carryOver', id: y, by: 'system' }
				]
			};
		}
	},
	...(['contact', 'close'] as const).map((event): Scenario => ({
		entry: `Fachberatung childmindingTransition ${event}`,
		covers: [['childminding', event]],
		async run(w) {
			const id = await submitChildminding(w);
			return {
				sender: w.adviser,
				act: () =>
					expectOk(w.push(w.adviser, 'childmindingTransition', { id, event, expectedStatus: 'submitted' })),
				steps: [{ machine: 'childminding', event, id, by: 'other' }]
			};
		}
	})),
	{
		entry: 'Fachberatung childmindingTransition place',
		covers: [['childminding', 'place']],
		async run(w) {
			const id = await submitChildminding(w);
			await expectOk(
				w.push(w.adviser, 'childmindingTransition', { id, event: 'contact', expectedStatus: 'submitted' })
			);
			return {
				sender: w.adviser,
				act: () =>
					expectOk(
						w.push(w.adviser, 'childmindingTransition', { id, event: 'place', expectedStatus: 'inContact' })
					),
				steps: [{ machine: 'childminding', event: 'place', id, by: 'other' }]
			};
		}
	},
	{
		entry: 'parent withdrawChildminding',
		covers: [['childminding', 'withdraw']],
		async run(w) {
			const id = await submitChildminding(w);
			return {
				sender: w.parent,
				act: () => expectOk(w.push(w.parent, 'withdrawChildminding', { id, expectedStatus: 'submitted' })),
				steps: [{ machine: 'childminding', event: 'withdraw', id, by: 'family' }]
			};
		}
	},
	{
		// The privacy service withdraws open child-minding requests when an account goes (by retention).
		entry: 'withdrawChildmindingRequest command (privacy service)',
		covers: [['childminding', 'withdraw']],
		async run(w) {
			const id = await submitChildminding(w);
			return {
				act: () => runCommand(w.t.app, SYSTEM_ACTOR, (ctx) => withdrawChildmindingRequest(ctx, id)),
				steps: [{ machine: 'childminding', event: 'withdraw', id, by: 'system' }]
			};
		}
	}
];

function effectsOf(step: Step): TransitionEffects {
	return step.machine === 'placement' ? PLACEMENT_EFFECTS[step.event] : CHILDMINDING_EFFECTS[step.event];
}

/** The users an audience names for the step's row, read from the database. */
async function audience(w: World, step: Step, who: Audience): Promise<string[]> {
	const db = w.t.app.database.db;
	const staffOf = async (kitas: string[]) =>
		kitas.length
			? (
					await db.selectFrom('user_facilities').select('user_id').where('facility_id', 'in', kitas).execute()
				).map((r) => r.user_id)
			: [];
	const owners = async (families: string[]) =>
		(
			await db
				.selectFrom('families')
				.select('owner_user_id')
				.where('id', 'in', families)
				.where('owner_user_id', 'is not', null)
				.execute()
		).flatMap((r) => (r.owner_user_id ? [r.owner_user_id] : []));
	if (step.machine === 'childminding') {
		const row = await db
			.selectFrom('childminder_requests')
			.selectAll()
			.where('id', '=', step.id)
			.executeTakeFirstOrThrow();
		if (who === 'family') return owners([row.family_id]);
		if (who === 'advisers')
			return (await db.selectFrom('users').select('id').where('role', '=', 'childminding').execute()).map(
				(r) => r.id
			);
		throw new Error(`${who} holds no child-minding request`);
	}
	const row = await db.selectFrom('requests').selectAll().where('id', '=', step.id).executeTakeFirstOrThrow();
	if (who === 'kita') return staffOf([row.facility_id]);
	if (who === 'childsKitas')
		return staffOf(
			(
				await db.selectFrom('requests').select('facility_id').where('child_id', '=', row.child_id).execute()
			).map((r) => r.facility_id)
		);
	if (who === 'family')
		return owners(
			(
				await db
					.selectFrom('children')
					.select('family_id')
					.where((eb) => eb.or([eb('id', '=', row.child_id), eb('merged_into', '=', row.child_id)]))
					.execute()
			).map((r) => r.family_id)
		);
	throw new Error(`${who} holds no Kita request`);
}

const sorted = <T>(list: T[]): T[] =>
	[...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('every transition triggers the effects of its row in the effects table', () => {
	let w: World | null = null;
	afterEach(async () => {
		await w?.close();
		w = null;
	});

	it('has a scenario for every event of both machines, and a row for every event', () => {
		expect(Object.keys(PLACEMENT_EFFECTS).sort()).toEqual([...PLACEMENT_EVENTS].sort());
		expect(Object.keys(CHILDMINDING_EFFECTS).sort()).toEqual([...CHILDMINDING_EVENTS].sort());
		const covered = new Set(SCENARIOS.flatMap((s) => s.covers.map(([m, e]) => `${m}:${e}`)));
		const events = [
			...Object.keys(PLACEMENT_EFFECTS).map((e) => `placement:${e}`),
			...Object.keys(CHILDMINDING_EFFECTS).map((e) => `childminding:${e}`)
		];
		expect(events.filter((e) => !covered.has(e))).toEqual([]);
	});

	for (const scenario of SCENARIOS)
		it(`${scenario.entry}: ${scenario.covers.map(([, e]) => e).join(', ')}`, async () => {
			const current = await world(scenario.start);
			w = current;
			const db = current.t.app.database.db;
			const { act, steps, sender } = await scenario.run(current);
			expect(steps.map((s) => [s.machine, s.event])).toEqual(
				expect.arrayContaining(scenario.covers.map(([m, e]) => [m, e]))
			);
			const mailsBefore = (await db.selectFrom('mail_outbox').select('id').execute()).map((m) => m.id);
			const auditBefore =
				(
					await db
						.selectFrom('audit_events')
						.select((eb) => eb.fn.max('id').as('max'))
						.executeTakeFirst()
				)?.max ?? 0;
			const eventsBefore = (await db.selectFrom('request_events').select('id').execute()).map((e) => e.id);
			poked.length = 0;

			await act();

			// The scenario names every step the action made (the request history says which).
			const history = await db
				.selectFrom('request_events')
				.select(['request_id', 'event', 'actor_role'])
				.where('id', 'not in', eventsBefore.length ? eventsBefore : [''])
				.execute();
			expect(sorted(history.map((e) => [e.request_id, e.event]))).toEqual(
				sorted(steps.filter((s) => s.machine === 'placement').map((s) => [s.id, s.event]))
			);
			for (const step of steps.filter((s) => s.machine === 'childminding'))
				expect(
					(
						await db
							.selectFrom('childminder_requests')
							.select('updated_at')
							.where('id', '=', step.id)
							.executeTakeFirstOrThrow()
					).updated_at
				).toBe(current.t.clock.now().toISOString());

			const expectedMails = new Set<string>();
			const expectedPokes = new Set<string>();
			const expectedAudit: string[] = [];
			const runAudits = new Set<string>();
			const family = await db
				.selectFrom('users')
				.select('email')
				.where('id', '=', current.parent.session.userId)
				.executeTakeFirstOrThrow();
			for (const step of steps) {
				const effects = effectsOf(step);
				// A family is not mailed about its own step.
				if (effects.mail && step.by !== 'family')
					expectedMails.add(JSON.stringify([effects.mail, family.email, effects.perRun ? 'run' : step.id]));
				for (const who of effects.poke)
					for (const id of await audience(current, step, who)) expectedPokes.add(id);
				const role =
					step.by === 'system' ? 'system' : step.by === 'family' ? 'parent' : (sender?.session.role ?? null);
				if (effects.perRun) runAudits.add(JSON.stringify([effects.audit, role]));
				else expectedAudit.push(JSON.stringify([effects.audit, step.id, role]));
			}

			const mails = await db
				.selectFrom('mail_outbox')
				.select(['kind', 'to_address'])
				.where('id', 'not in', mailsBefore.length ? mailsBefore : [''])
				.execute();
			expect(sorted(mails.map((m) => [m.kind, m.to_address]))).toEqual(
				sorted([...expectedMails].map((m) => (JSON.parse(m) as string[]).slice(0, 2)))
			);

			// A push always pokes its sender's own clients; everyone else is poked by the table.
			const others = (ids: Iterable<string>) =>
				[...new Set(ids)].filter((id) => id !== (sender?.session.userId as UserId | undefined)).sort();
			expect(others(poked.flat())).toEqual(others(expectedPokes));

			const audits = await db
				.selectFrom('audit_events')
				.select(['action', 'target_id', 'actor_role'])
				.where('id', '>', Number(auditBefore))
				.execute();
			expect(
				sorted(
					audits
						.filter((a) => !runAudits.has(JSON.stringify([a.action, a.actor_role])))
						.map((a) => [a.action, a.target_id, a.actor_role])
				)
			).toEqual(sorted(expectedAudit.map((a) => JSON.parse(a) as unknown[])));
			// A run is audited once, whatever it moved.
			for (const run of runAudits) {
				const [action, role] = JSON.parse(run) as [string, string];
				expect(audits.filter((a) => a.action === action && a.actor_role === role)).toHaveLength(1);
			}
		});
});
