// The client's optimistic effect of each mutation agrees with the server's answer (issue 15,
// point 5). For every mutation: the acting user's device holds exactly what a full pull gives
// (a LocalDb on fake-indexeddb, filled through applyPull), the client mutator applies there, the
// same mutation is pushed to the real server (integration harness), and the next full pull must
// equal the device's optimistic state — except for what only the server can know, listed below.
// A refusal the client's own machines foresee must leave the device as it was, as the server does.
// The cases are a complete table over the mutation list: a new mutation without one fails.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHILDMINDING_STATUSES } from '../../src/lib/domain/childminding';
import { AGE_BANDS, WEEKLY_HOURS, type Facility, type WeeklyHours } from '../../src/lib/domain/facility';
import { facilityToInput, MAX_PLACES } from '../../src/lib/domain/facility-admin';
import { MUTATION_ARGS, type MutationArgs, type MutationName } from '../../src/lib/domain/mutations';
import { REQUEST_STATUSES } from '../../src/lib/domain/placement';
import { checkRequestItem, hasErrors } from '../../src/lib/domain/registration-rules';
import { REJECT_REASONS } from '../../src/lib/domain/staff';
import { SCHEMA_VERSION, type EntityName, type Patch } from '../../src/lib/sync/protocol';
import { LocalDb } from '../../src/lib/client/local-db';
import { applyClientMutator } from '../../src/lib/client/mutators';
import { applyPull } from '../../src/lib/client/sync/apply-patch';
import { createUserWithSession } from './fixtures';
import {
	actor,
	OFFER,
	staffOfZ,
	staffWorld,
	walkin,
	type Actor,
	type PullPatch,
	type StaffWorld
} from './staff-world';

/**
 * What only the server knows, so a device's optimistic row cannot agree on it (each with its
 * reason). Everything else of every entity must agree.
 */
const SERVER_ONLY_ENTITIES: readonly EntityName[] = [
	// The history of a request is written by the server's transition command; the device shows the
	// row's status and reads the history after the pull.
	'requestEvents'
];
const SERVER_ONLY_FIELDS: { [K in EntityName]?: readonly string[] } = {
	// Numbers are counted on the server (KP-2026-…, TP-2026-…); the device shows '' until then.
	registrations: ['number'],
	childminderRequests: ['number'],
	// The server's time of a move replaces the device's (the ranking applies moves in that order).
	queueMoves: ['movedAt']
};

type Rows = { [K in EntityName]?: Record<string, unknown>[] };

function keyOf(entity: EntityName, row: Record<string, unknown>): string {
	return String(entity === 'capacities' ? row.key : row.id);
}

/** Rows by entity, sorted by key, without what only the server knows. */
function comparable(rows: Rows, alsoServerOnly: readonly EntityName[]): Rows {
	const out: Rows = {};
	for (const [entity, list] of Object.entries(rows) as [EntityName, Record<string, unknown>[]][]) {
		if (SERVER_ONLY_ENTITIES.includes(entity) || alsoServerOnly.includes(entity) || !list.length) continue;
		const drop = SERVER_ONLY_FIELDS[entity] ?? [];
		out[entity] = list
			.map((row) => Object.fromEntries(Object.entries(row).filter(([field]) => !drop.includes(field))))
			.sort((a, b) => keyOf(entity, a).localeCompare(keyOf(entity, b)));
	}
	return out;
}

async function deviceRows(db: LocalDb): Promise<Rows> {
	const rows: Rows = {};
	for (const [entity, table] of Object.entries(db.synced()) as [EntityName, LocalDb['requests']][])
		rows[entity] = (await table.toArray()) as unknown as Record<string, unknown>[];
	return rows;
}

const serverRows = (pulled: PullPatch): Rows => pulled.patch.put as Rows;

/**
 * Everything `who` holds, as a device's first sync gets it: page after page (a scope grows past
 * one page as the cases add rows), joined into one final answer.
 */
async function fullPull(who: Actor): Promise<PullPatch> {
	const put = new Map<EntityName, Map<string, Record<string, unknown>>>();
	const take = (patch: Patch) => {
		for (const [entity, rows] of Object.entries(patch.put) as unknown as [
			EntityName,
			Record<string, unknown>[]
		][]) {
			const byKey = put.get(entity) ?? new Map<string, Record<string, unknown>>();
			for (const row of rows) byKey.set(keyOf(entity, row), row);
			put.set(entity, byKey);
		}
	};
	let page: string | null = null;
	for (;;) {
		const result = await w.t.caller({ session: who.session }).sync.pull({
			clientId: who.clientId,
			userId: who.session.userId,
			schemaVersion: SCHEMA_VERSION,
			cookie: null,
			page
		});
		if (result.kind === 'page') {
			take(result.patch);
			page = result.token;
			continue;
		}
		if (result.kind !== 'patch') throw new Error(`pull: ${result.kind}`);
		take(result.patch);
		const all = Object.fromEntries([...put].map(([entity, rows]) => [entity, [...rows.values()]]));
		return { ...result, reset: true, patch: { put: all, del: {} } };
	}
}

let w: StaffWorld;
let admin: Actor;
let adviser: Actor;
let staffZ: Actor;

/** What happened on the server: accepted, or refused with a code. */
type Outcome = { accepted: true } | { accepted: false; code: string };

/**
 * The agreement itself: the device (filled from a full pull of `who`) applies the client mutator,
 * the server runs the mutation; the device's rows must equal the server's next full pull.
 */
async function agree<N extends MutationName>(
	who: Actor,
	name: N,
	input: MutationArgs<N>,
	options: { serverOnly?: readonly EntityName[] } = {}
): Promise<Outcome> {
	const args = MUTATION_ARGS[name].parse(input) as MutationArgs<N>;
	const db = new LocalDb(`agreement-${crypto.randomUUID()}`);
	await db.open();
	try {
		const start = await fullPull(who);
		expect((await applyPull(db, start, w.t.clock.now(), undefined)).kind).toBe('applied');
		// The device's clock reads the server's: times the client sets must be the server's too.
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(w.t.clock.now());
		try {
			// As queue-mutation.ts does it: an async scope, so that Dexie follows its awaits.
			await db.transaction('rw', db.syncTables(), async () => {
				await applyClientMutator(db, name, args);
			});
		} finally {
			vi.useRealTimers();
		}
		const optimistic = comparable(await deviceRows(db), options.serverOnly ?? []);

		await w.push(who, name, args);
		const refused = await w.lastRejection(who);
		const served = comparable(serverRows(await fullPull(who)), options.serverOnly ?? []);
		const told = refused ? ` (refused: ${refused.code})` : '';
		expect(optimistic, `${name}${told}: the device's optimistic rows against the server's`).toEqual(served);
		return refused ? { accepted: false, code: refused.code } : { accepted: true };
	} finally {
		await db.delete();
	}
}

async function accepted<N extends MutationName>(
	who: Actor,
	name: N,
	input: MutationArgs<N>,
	options?: { serverOnly?: readonly EntityName[] }
): Promise<void> {
	expect(await agree(who, name, input, options)).toEqual({ accepted: true });
}

// ------------------------------------------------------------------------------------------------
// Steps that build a starting state on the server (pushed, checked, not compared).

async function pushed<N extends MutationName>(who: Actor, name: N, args: MutationArgs<N>): Promise<void> {
	await w.push(who, name, args);
	const refused = await w.lastRejection(who);
	if (refused) throw new Error(`setup ${name} refused: ${refused.code}`);
}

// Letters only: the server compares children by their names' letters (childMatchKey drops digits),
// so a name told apart by digits alone would make the runs' children duplicates of each other.
const uniqueName = () =>
	`K${crypto
		.randomUUID()
		.replaceAll('-', '')
		.replace(/[0-9]/g, (d) => 'ghijklmnop'.charAt(Number(d)))}`;

/** A new child of the world's parent (a name no walk-in has, so no possible duplicate arises). */
async function newChild(birthDate = '2024-03-10', firstName = uniqueName(), lastName = 'Muster') {
	const id = crypto.randomUUID();
	await pushed(w.parent, 'saveChild', { id, firstName, lastName, birthDate });
	return id;
}

/** A new child registered at the Kitas, starting 1 Aug 2027 with 35 hours; its request ids. */
async function registered(facilityIds: string[], childId?: string): Promise<string[]> {
	const child = childId ?? (await newChild());
	const items = facilityIds.map((facilityId) => ({
		requestId: crypto.randomUUID(),
		facilityId,
		startDate: '2027-08-01',
		weeklyHours: 35 as const,
		changeRequest: false,
		comment: ''
	}));
	await pushed(w.parent, 'submitRegistration', {
		registrationId: crypto.randomUUID(),
		childId: child,
		items
	});
	return items.map((i) => i.requestId);
}

async function offered(requestId: string): Promise<void> {
	await pushed(w.staffX, 'makeOffer', { requestId, expectedStatus: 'registered', ...OFFER });
}

async function childminding(): Promise<string> {
	const id = crypto.randomUUID();
	await pushed(w.parent, 'submitChildminding', {
		id,
		childId: await newChild(),
		startDate: '2027-03-01',
		weeklyHours: 25,
		comment: ''
	});
	return id;
}

/** A walk-in at Kita Z of the same child as one the parent registered online: an open pair. */
async function openPair(): Promise<string> {
	const firstName = uniqueName();
	await registered([w.kitaX], await newChild('2024-05-20', firstName, 'Paar'));
	const walk = await walkin(w.kitaZ, { firstName, lastName: 'Paar', birthDate: '2024-05-20' });
	await pushed(staffZ, 'createWalkin', walk.args);
	const candidate = await w.t.app.database.db
		.selectFrom('duplicate_candidates')
		.select('id')
		.where('child_id', '=', walk.args.child.id)
		.where('status', '=', 'open')
		.executeTakeFirstOrThrow();
	return candidate.id;
}

/**
 * An open proposal of a new offer round for Kita X, which has a new child waiting (the rounds the
 * cases started before are closed first: one open round per Kita year).
 */
async function roundProposalAtX() {
	const db = w.t.app.database.db;
	await db.updateTable('offer_rounds').set({ status: 'closed' }).where('status', '=', 'open').execute();
	await registered([w.kitaX]);
	const started = await w.t
		.caller({ session: admin.session })
		.youthOffice.startRound({ kitaYearId: '2027-28' });
	return db
		.selectFrom('round_proposals')
		.selectAll()
		.where('round_id', '=', started.roundId)
		.where('facility_id', '=', w.kitaX)
		.executeTakeFirstOrThrow();
}

// ------------------------------------------------------------------------------------------------
// Inputs

const RUNS = { numRuns: 6 };
const text = (maxLength: number) => fc.string({ maxLength });
const someDay = (from: string, days: number) =>
	fc.integer({ min: 0, max: days }).map((n) => {
		const d = new Date(`${from}T00:00:00Z`);
		d.setUTCDate(d.getUTCDate() + n);
		return d.toISOString().slice(0, 10);
	});
const weeklyHours = fc.constantFrom<WeeklyHours>(...WEEKLY_HOURS);

/** The active Kitas of the demo catalogue that take a child of 2–4 years. */
async function catalogue(): Promise<Facility[]> {
	const pulled = await fullPull(w.parent);
	return (pulled.patch.put.facilities ?? []).filter(
		(f) => f.active && f.minAgeMonths <= 24 && f.maxAgeMonths >= 48
	);
}

// ------------------------------------------------------------------------------------------------
// One case per mutation.

type Cases = { [N in MutationName]: () => Promise<void> };

const CASES: Cases = {
	async saveGuardian() {
		const id = crypto.randomUUID();
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					firstName: fc.constantFrom('Ute', 'Jörg', 'Ayşe'),
					phone: fc.constantFrom('', '02922 1')
				}),
				async (g) => {
					await accepted(w.parent, 'saveGuardian', {
						id,
						position: 2,
						firstName: g.firstName,
						lastName: 'Muster',
						street: 'Steinerstraße 3',
						postcode: '59457',
						town: 'Werl',
						phone: g.phone,
						email: g.phone ? '' : 'ute@example.org'
					});
				}
			),
			RUNS
		);
	},
	async saveChild() {
		await fc.assert(
			fc.asyncProperty(
				someDay('2020-01-01', 2000),
				fc.constantFrom('Mia', 'Ömer', 'Lena'),
				async (birthDate, first) => {
					await accepted(w.parent, 'saveChild', {
						id: crypto.randomUUID(),
						firstName: `${first}${uniqueName()}`,
						lastName: 'Muster',
						birthDate
					});
				}
			),
			RUNS
		);
	},
	async submitRegistration() {
		const kitas = await catalogue();
		const years = (await fullPull(w.parent)).patch.put.kitaYears ?? [];
		const today = w.t.clock.now().toISOString().slice(0, 10);
		const item = fc.record({
			facility: fc.constantFrom(...kitas),
			weeklyHours,
			startDate: someDay(today, 600),
			changeRequest: fc.boolean(),
			comment: text(60)
		});
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(item, { minLength: 1, maxLength: 5, selector: (i) => i.facility.id }),
				async (items) => {
					fc.pre(items.every((i) => !hasErrors(checkRequestItem(i, i.facility, '2024-03-10', years, today))));
					const childId = await newChild();
					await accepted(w.parent, 'submitRegistration', {
						registrationId: crypto.randomUUID(),
						childId,
						items: items.map((i) => ({
							requestId: crypto.randomUUID(),
							facilityId: i.facility.id,
							startDate: i.startDate,
							weeklyHours: i.weeklyHours,
							changeRequest: i.changeRequest,
							comment: i.comment
						}))
					});
				}
			),
			{ numRuns: 10 }
		);
	},
	async updateRequest() {
		await fc.assert(
			fc.asyncProperty(
				someDay('2027-08-01', 300),
				fc.constantFrom<WeeklyHours>(35),
				fc.boolean(),
				text(60),
				async (startDate, hours, changeRequest, comment) => {
					const [requestId] = await registered([w.kitaX]);
					await accepted(w.parent, 'updateRequest', {
						requestId: requestId ?? '',
						expectedStatus: 'registered',
						startDate,
						weeklyHours: hours,
						changeRequest,
						comment
					});
				}
			),
			RUNS
		);
	},
	async rankRequests() {
		const childId = await newChild();
		const ids = await registered([w.kitaX, w.kitaY, w.kitaZ], childId);
		const kitaYearId = (await fullPull(w.parent)).patch.put.requests?.find(
			(r) => r.id === ids[0]
		)?.kitaYearId;
		await fc.assert(
			fc.asyncProperty(fc.shuffledSubarray(ids, { minLength: ids.length }), async (order) => {
				await accepted(w.parent, 'rankRequests', { childId, kitaYearId: kitaYearId ?? '', order });
			}),
			RUNS
		);
	},
	async withdrawRequest() {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...REQUEST_STATUSES), async (expectedStatus) => {
				const [requestId] = await registered([w.kitaX]);
				await agree(w.parent, 'withdrawRequest', { requestId: requestId ?? '', expectedStatus });
			}),
			RUNS
		);
	},
	async answerOffer() {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('accept' as const, 'decline' as const), async (answer) => {
				const [requestId = ''] = await registered([w.kitaX]);
				await offered(requestId);
				await accepted(w.parent, 'answerOffer', { requestId, expectedStatus: 'offered', answer });
			}),
			RUNS
		);
	},
	async answerLinkQuestion() {
		for (const answer of ['notMine', 'mine'] as const) {
			const candidateId = await openPair();
			await pushed(staffZ, 'decideDuplicate', { candidateId, decision: 'ask' });
			// "Mine" links the two records on the server, which moves the walk-in's rows into the
			// family's scope: that only the server can do; the device shows the question answered.
			await accepted(
				w.parent,
				'answerLinkQuestion',
				{ candidateId, answer },
				{
					serverOnly:
						answer === 'mine'
							? ['families', 'guardians', 'children', 'registrations', 'requests', 'childminderRequests']
							: []
				}
			);
		}
	},
	async submitChildminding() {
		const today = w.t.clock.now().toISOString().slice(0, 10);
		await fc.assert(
			fc.asyncProperty(someDay(today, 400), weeklyHours, text(60), async (startDate, hours, comment) => {
				await accepted(w.parent, 'submitChildminding', {
					id: crypto.randomUUID(),
					childId: await newChild(),
					startDate,
					weeklyHours: hours,
					comment
				});
			}),
			RUNS
		);
	},
	async withdrawChildminding() {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...CHILDMINDING_STATUSES), async (expectedStatus) => {
				await agree(w.parent, 'withdrawChildminding', { id: await childminding(), expectedStatus });
			}),
			RUNS
		);
	},
	async makeOffer() {
		await fc.assert(
			fc.asyncProperty(text(80), async (note) => {
				const [requestId = ''] = await registered([w.kitaX]);
				await accepted(w.staffX, 'makeOffer', { requestId, expectedStatus: 'registered', ...OFFER, note });
			}),
			RUNS
		);
	},
	async withdrawOffer() {
		const [requestId = ''] = await registered([w.kitaX]);
		await offered(requestId);
		await accepted(w.staffX, 'withdrawOffer', { requestId, expectedStatus: 'offered' });
	},
	async rejectRequest() {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...REJECT_REASONS), text(80), async (reason, note) => {
				fc.pre(reason !== 'other' || note.trim() !== '');
				const [requestId = ''] = await registered([w.kitaX]);
				await accepted(w.staffX, 'rejectRequest', { requestId, expectedStatus: 'registered', reason, note });
			}),
			RUNS
		);
	},
	async recordAnswer() {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('accept' as const, 'decline' as const), async (answer) => {
				const [requestId = ''] = await registered([w.kitaX]);
				await offered(requestId);
				await accepted(w.staffX, 'recordAnswer', { requestId, expectedStatus: 'offered', answer });
			}),
			RUNS
		);
	},
	async concludeContract() {
		// The child's requests at X (the contract) and Y, and one more at X for the running year:
		// the contract closes both others; the device of X's staff holds the one at X.
		const childId = await newChild();
		const [atX = ''] = await registered([w.kitaX, w.kitaY], childId);
		const earlier = crypto.randomUUID();
		await pushed(w.parent, 'submitRegistration', {
			registrationId: crypto.randomUUID(),
			childId,
			items: [
				{
					requestId: earlier,
					facilityId: w.kitaX,
					startDate: '2027-03-01',
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}
			]
		});
		await offered(atX);
		await pushed(w.staffX, 'recordAnswer', { requestId: atX, expectedStatus: 'offered', answer: 'accept' });
		await accepted(w.staffX, 'concludeContract', { requestId: atX, expectedStatus: 'accepted' });
		expect(await w.status(earlier)).toBe('placedElsewhere');
	},
	async createWalkin() {
		const x = (await catalogue()).find((f) => f.id === w.kitaX);
		if (!x) throw new Error('Kita X is not in the catalogue');
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...x.weeklyHours),
				text(60),
				fc.boolean(),
				async (hours, comment, changeRequest) => {
					// Names unlike each other's: the server's search for duplicates (server-only knowledge,
					// other families' children) must find none among the runs' walk-ins.
					const walk = await walkin(w.kitaX, {
						firstName: uniqueName(),
						lastName: uniqueName(),
						birthDate: '2024-01-15'
					});
					await accepted(w.staffX, 'createWalkin', {
						...walk.args,
						weeklyHours: hours,
						comment,
						changeRequest
					});
				}
			),
			RUNS
		);
	},
	async renewClaimCode() {
		const walk = await walkin(w.kitaX, {
			firstName: uniqueName(),
			lastName: 'Vorort',
			birthDate: '2024-01-15'
		});
		await pushed(w.staffX, 'createWalkin', walk.args);
		const renewed = await walkin(w.kitaX);
		await accepted(w.staffX, 'renewClaimCode', {
			familyId: walk.args.familyId,
			claimCodeHash: renewed.args.claimCodeHash
		});
	},
	async decideDuplicate() {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('ask' as const, 'separate' as const, 'link' as const),
				async (decision) => {
					await accepted(staffZ, 'decideDuplicate', { candidateId: await openPair(), decision });
				}
			),
			RUNS
		);
	},
	async auditRead() {
		const [requestId = ''] = await registered([w.kitaX]);
		await accepted(w.staffX, 'auditRead', { kind: 'request', id: requestId });
	},
	async moveInQueue() {
		const [first = ''] = await registered([w.kitaX]);
		const [second = ''] = await registered([w.kitaX]);
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('before' as const, 'after' as const), async (placement) => {
				await accepted(w.staffX, 'moveInQueue', {
					id: crypto.randomUUID(),
					requestId: second,
					anchorRequestId: first,
					placement,
					reason: 'Härtefall laut Bescheid'
				});
			}),
			RUNS
		);
	},
	async sendRoundProposal() {
		const proposal = await roundProposalAtX();
		await accepted(w.staffX, 'sendRoundProposal', { proposalId: proposal.id });
	},
	async changeRoundProposal() {
		const proposal = await roundProposalAtX();
		await accepted(w.staffX, 'changeRoundProposal', {
			proposalId: proposal.id,
			dropRequestId: (JSON.parse(proposal.request_ids) as string[])[0] ?? null,
			addRequestId: null,
			reason: 'Die Familie hat abgesagt'
		});
	},
	async saveFacility() {
		const kitas = await catalogue();
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...kitas),
				fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
				fc.subarray([...WEEKLY_HOURS], { minLength: 1 }),
				async (kita, name, hours) => {
					await accepted(admin, 'saveFacility', { ...facilityToInput(kita), name, weeklyHours: hours });
				}
			),
			RUNS
		);
	},
	async setCapacities() {
		const cell = fc.record({
			ageBand: fc.constantFrom(...AGE_BANDS),
			weeklyHours,
			places: fc.integer({ min: 0, max: MAX_PLACES })
		});
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(cell, { maxLength: 6, selector: (c) => `${c.ageBand}|${c.weeklyHours}` }),
				fc.constantFrom('2026-27', '2027-28'),
				async (rows, kitaYearId) => {
					await accepted(admin, 'setCapacities', { facilityId: w.kitaX, kitaYearId, rows });
				}
			),
			RUNS
		);
	},
	async saveFacilityInfo() {
		await fc.assert(
			fc.asyncProperty(
				text(100),
				text(40),
				fc.constantFrom('', 'kita@example.org'),
				fc.constantFrom('', 'https://kita.example.org/'),
				async (description, openingHours, email, website) => {
					await accepted(w.staffX, 'saveFacilityInfo', {
						facilityId: w.kitaX,
						description,
						openingHours,
						phone: '02922 555',
						email,
						website
					});
				}
			),
			RUNS
		);
	},
	async saveKitaYear() {
		const years = (await fullPull(admin)).patch.put.kitaYears ?? [];
		const next = years.find((y) => y.id === '2027-28');
		if (!next) throw new Error('no Kita year 2027/28 in the demo data');
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 1, max: 28 }), async (offerResponseDays) => {
				const {
					id,
					startsOn,
					endsOn,
					registrationOpensOn,
					preferredDeadline,
					reviewEndsOn,
					offersFrom,
					allocationEndsOn
				} = next;
				await accepted(admin, 'saveKitaYear', {
					id,
					startsOn,
					endsOn,
					registrationOpensOn,
					preferredDeadline,
					reviewEndsOn,
					offersFrom,
					allocationEndsOn,
					offerResponseDays
				});
			}),
			RUNS
		);
	},
	async childmindingTransition() {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('contact' as const, 'place' as const, 'close' as const),
				fc.constantFrom(...CHILDMINDING_STATUSES),
				async (event, expectedStatus) => {
					await agree(adviser, 'childmindingTransition', { id: await childminding(), event, expectedStatus });
				}
			),
			RUNS
		);
	},
	async saveChildmindingNote() {
		await fc.assert(
			fc.asyncProperty(text(200), async (note) => {
				await accepted(adviser, 'saveChildmindingNote', { id: await childminding(), note });
			}),
			RUNS
		);
	}
};

describe('the client’s optimistic effect agrees with the server’s answer', () => {
	beforeAll(async () => {
		w = await staffWorld();
		const db = w.t.app.database.db;
		const now = w.t.clock.now();
		admin = actor(await createUserWithSession(db, now, 'admin'));
		adviser = actor(await createUserWithSession(db, now, 'childminding'));
		staffZ = await staffOfZ(w);
	});
	afterAll(async () => {
		await w.close();
	});

	it('has a case for every mutation, and none for a mutation that does not exist', () => {
		expect(Object.keys(CASES).sort()).toEqual(Object.keys(MUTATION_ARGS).sort());
	});

	for (const name of Object.keys(MUTATION_ARGS) as MutationName[]) {
		it(name, { timeout: 120_000 }, async () => {
			const run = (CASES as Partial<Cases>)[name];
			if (!run) throw new Error(`no agreement case for the mutation ${name}`);
			await run();
		});
	}
});
