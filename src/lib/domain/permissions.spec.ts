import { describe, expect, it } from 'vitest';
import { CHILDMINDING_STATUSES, CHILDMINDING_TRANSITIONS } from './childminding';
import { defaultKitaYear } from './kita-year';
import { MUTATION_ARGS } from './mutations';
import {
	actionsNow,
	AUDIENCES,
	audienceOfRoute,
	mayEnter,
	type Audience,
	blockedNow,
	childmindingActionAllowed,
	childmindingActionsNow,
	MUTATION_RULES,
	OPEN_PROCEDURES,
	permittedChildmindingActions,
	permittedRequestActions,
	PROCEDURE_RULES,
	REQUEST_ACTIONS,
	requestRefusal,
	roleMay,
	type ActorFacts,
	type Clock,
	type RequestFacts
} from './permissions';
import { REQUEST_STATUSES, TRANSITIONS, type RequestStatus } from './placement';
import { ROLES } from './roles';

const KITA = 'kita-x';
const parent: ActorFacts = { role: 'parent', userId: 'p', facilityIds: [] };
const staffX: ActorFacts = { role: 'staff', userId: 's', facilityIds: [KITA] };
const staffY: ActorFacts = { role: 'staff', userId: 'y', facilityIds: ['kita-y'] };
const adviser: ActorFacts = { role: 'childminding', userId: 'c', facilityIds: [] };
const admin: ActorFacts = { role: 'admin', userId: 'a', facilityIds: [] };

const year = defaultKitaYear(2026);
// Offers are open between offersFrom and the year's end; the answer time ends on the 20th.
const duringOffers: Clock = { now: new Date(`${year.offersFrom}T10:00:00Z`), kitaYear: year };
const beforeOffers: Clock = { now: new Date('2025-01-10T10:00:00Z'), kitaYear: year };
const expires = new Date(duringOffers.now.getTime() + 7 * 24 * 3600_000).toISOString();
const afterDeadline: Clock = { now: new Date(Date.parse(expires) + 1000), kitaYear: year };

function request(status: RequestStatus, extra: Partial<RequestFacts> = {}): RequestFacts {
	return { status, facilityId: KITA, ownRegistration: true, offerExpiresAt: expires, ...extra };
}

describe('the rule table', () => {
	it('has a rule for every sync mutation, and none for a name that is not one', () => {
		expect(Object.keys(MUTATION_RULES).sort()).toEqual(Object.keys(MUTATION_ARGS).sort());
	});

	it('lists every procedure once: gated or open, never both', () => {
		for (const path of Object.keys(PROCEDURE_RULES)) expect(Object.hasOwn(OPEN_PROCEDURES, path)).toBe(false);
	});

	it('every event a person starts in the placement machine is a request action of some rule', () => {
		const personEvents = new Set(
			TRANSITIONS.filter((t) => t.actors.some((a) => a !== 'system')).map((t) => t.event)
		);
		expect([...personEvents].sort()).toEqual([...REQUEST_ACTIONS].sort());
		const carried = new Set(Object.values(MUTATION_RULES).flatMap((r) => ('request' in r ? r.request : [])));
		expect([...carried].sort()).toEqual([...REQUEST_ACTIONS].sort());
	});

	// Issue 17: the platform alone releases an offer or ends requests when an offer is accepted.
	it.each(['release', 'acceptElsewhere'] as const)(
		'%s is the system’s alone: no mutation carries it',
		(event) => {
			expect(TRANSITIONS.filter((t) => t.event === event).flatMap((t) => t.actors)).toEqual(
				expect.arrayContaining(['system'])
			);
			expect(TRANSITIONS.filter((t) => t.event === event).every((t) => t.actors.join() === 'system')).toBe(
				true
			);
			expect((REQUEST_ACTIONS as readonly string[]).includes(event)).toBe(false);
			const carried = Object.values(MUTATION_RULES).flatMap((r) => ('request' in r ? r.request : []));
			expect((carried as readonly string[]).includes(event)).toBe(false);
		}
	);

	// Written out apart from the table: "name: roles".
	const ROLE_TABLE = `
		saveGuardian parent | saveChild parent | submitRegistration parent | updateRequest parent
		rankRequests parent | withdrawRequest parent | answerOffer parent | submitChildminding parent
		withdrawChildminding parent | answerLinkQuestion parent | makeOffer staff | withdrawOffer staff
		rejectRequest staff | recordAnswer staff | concludeContract staff | createWalkin staff
		renewClaimCode staff | decideDuplicate staff | auditRead staff | moveInQueue staff | saveFacility admin
		setCapacities admin | saveFacilityInfo admin,staff | saveKitaYear admin
		childmindingTransition childminding | saveChildmindingNote childminding
		adminAccounts.list admin | adminAccounts.invite admin | adminAccounts.assignFacilities admin
		family.claim parent | feedback.list admin | feedback.markHandled admin
		youthOffice.report admin | youthOffice.closeAllocation admin | youthOffice.decideDuplicate admin
		youthOffice.findChildren admin | youthOffice.hardshipCases admin | youthOffice.recordHardship admin
		privacy.export parent | privacy.deletionBlockers parent | privacy.deleteAccount parent`;
	const rows = ROLE_TABLE.split('|').map((cell) => cell.trim().split(/\s+/) as [string, string]);
	for (const [name, roles] of rows)
		it(`${name}: ${roles} and no one else`, () => {
			for (const role of ROLES)
				expect(`${role}: ${roleMay(name, role)}`).toBe(`${role}: ${roles.split(',').includes(role)}`);
		});

	it('refuses a name it does not know, for every role', () => {
		for (const role of ROLES) {
			expect(roleMay('dropTables', role)).toBe(false);
			expect(roleMay('toString', role)).toBe(false);
			expect(roleMay('sync.pull', role)).toBe(false);
		}
	});
});

describe('actions on a request', () => {
	// "status: parent's actions / staff-of-the-Kita's actions", during the offers window.
	const EXPECTED: Record<RequestStatus, [string, string]> = {
		registered: ['withdraw update', 'offer reject'],
		offered: ['accept decline', 'withdrawOffer accept decline'],
		accepted: ['decline', 'decline contract'],
		contracted: ['', ''],
		rejected: ['', ''],
		declined: ['', ''],
		expired: ['', ''],
		withdrawn: ['', ''],
		placedElsewhere: ['', ''],
		released: ['', '']
	};
	for (const status of REQUEST_STATUSES)
		it(`${status}: parent [${EXPECTED[status][0]}], staff [${EXPECTED[status][1]}]`, () => {
			const row = request(status);
			expect(permittedRequestActions(parent, row, duringOffers).join(' ')).toBe(EXPECTED[status][0]);
			expect(permittedRequestActions(staffX, row, duringOffers).join(' ')).toBe(EXPECTED[status][1]);
		});

	it('gives nothing to staff of another Kita, the Fachberatung or the youth office', () => {
		for (const status of REQUEST_STATUSES)
			for (const who of [staffY, adviser, admin]) {
				expect(permittedRequestActions(who, request(status), duringOffers)).toEqual([]);
				expect(requestRefusal(who, 'offer', request(status), null)).toBe('notPermitted');
			}
	});

	it('gives a family nothing on a request it holds but did not make (a linked walk-in)', () => {
		for (const status of REQUEST_STATUSES)
			expect(permittedRequestActions(parent, request(status, { ownRegistration: false }), null)).toEqual([]);
	});

	it('applies the time guards given a clock, and leaves them open without one', () => {
		expect(requestRefusal(staffX, 'offer', request('registered'), beforeOffers)).toBe('offersNotYetOpen');
		expect(requestRefusal(staffX, 'offer', request('registered'), null)).toBeNull();
		expect(requestRefusal(parent, 'accept', request('offered'), afterDeadline)).toBe('offerLapsed');
		expect(requestRefusal(staffX, 'accept', request('offered'), afterDeadline)).toBe('offerLapsed');
		expect(permittedRequestActions(parent, request('offered'), afterDeadline)).toEqual(['decline']);
		expect(permittedRequestActions(parent, request('offered'), null)).toEqual(['accept', 'decline']);
	});

	it('refuses what the machine has no row for', () => {
		expect(requestRefusal(parent, 'withdraw', request('offered'), null)).toBe('notAllowed');
		expect(requestRefusal(staffX, 'contract', request('registered'), null)).toBe('notAllowed');
		// A role's rule does not reach another role's events: staff never withdraw, parents never offer.
		expect(requestRefusal(staffX, 'withdraw', request('registered'), null)).toBe('notPermitted');
		expect(requestRefusal(parent, 'offer', request('registered'), null)).toBe('notPermitted');
	});
});

describe('the device re-checks the server’s answer at its clock', () => {
	it('drops accept once the answer time has passed, keeps it before', () => {
		const row = request('offered');
		expect(actionsNow(['accept', 'decline'], row, duringOffers)).toEqual(['accept', 'decline']);
		expect(actionsNow(['accept', 'decline'], row, afterDeadline)).toEqual(['decline']);
		expect(blockedNow('accept', row, afterDeadline)).toBe('offerLapsed');
		expect(blockedNow('accept', row, duringOffers)).toBeNull();
	});

	it('drops offer before the offers window and keeps it in it', () => {
		expect(actionsNow(['offer', 'reject'], request('registered'), beforeOffers)).toEqual(['reject']);
		expect(actionsNow(['offer', 'reject'], request('registered'), duringOffers)).toEqual(['offer', 'reject']);
	});

	it('never adds an action, and drops those the status the device moved to has no row for', () => {
		expect(actionsNow([], request('offered'), duringOffers)).toEqual([]);
		expect(actionsNow(['withdraw', 'update'], request('withdrawn'), duringOffers)).toEqual([]);
	});
});

describe('actions on a child-minding request', () => {
	const machine = (status: string, actor: string) =>
		CHILDMINDING_TRANSITIONS.filter(
			(t) => t.from === status && (t.actors as readonly string[]).includes(actor)
		).map((t) => t.event as string);
	for (const status of CHILDMINDING_STATUSES)
		it(`${status}: the family's own, the Fachberatung's, nobody else's`, () => {
			const row = { status, ownFamily: true };
			expect(permittedChildmindingActions(parent, row)).toEqual(machine(status, 'parent'));
			expect(permittedChildmindingActions(adviser, row)).toEqual([
				...machine(status, 'childminding'),
				'note'
			]);
			expect(permittedChildmindingActions(parent, { status, ownFamily: false })).toEqual([]);
			for (const who of [staffX, admin]) expect(permittedChildmindingActions(who, row)).toEqual([]);
		});

	it('the device keeps of the server’s answer what its own status still allows', () => {
		expect(childmindingActionsNow(['contact', 'close', 'note'], 'inContact')).toEqual(['close', 'note']);
		expect(childmindingActionsNow(['withdraw'], 'withdrawn')).toEqual([]);
		expect(childmindingActionsNow(['withdraw'], 'submitted')).toEqual(['withdraw']);
	});

	it('lets a parent withdraw only while the Fachberatung is still working on it', () => {
		const may = (status: (typeof CHILDMINDING_STATUSES)[number]) =>
			childmindingActionAllowed(parent, 'withdraw', { status, ownFamily: true });
		expect(CHILDMINDING_STATUSES.filter(may)).toEqual(['submitted', 'inContact']);
	});
});

describe('the parts of the site', () => {
	it('lets each audience’s roles in, and nobody else (nor a visitor)', () => {
		const who = (audience: Audience) => ROLES.filter((role) => mayEnter(audience, role)).join(' ');
		expect(who('kita')).toBe('staff');
		expect(who('fachberatung')).toBe('childminding');
		expect(who('verwaltung')).toBe('admin');
		expect(who('parent')).toBe('parent');
		for (const audience of Object.keys(AUDIENCES) as Audience[])
			expect(mayEnter(audience, undefined)).toBe(false);
	});

	it('finds the part of a route by its first folder or its route group', () => {
		expect(audienceOfRoute('/kita')).toBe('kita');
		expect(audienceOfRoute('/kita/anfrage/[id]/brief')).toBe('kita');
		expect(audienceOfRoute('/verwaltung/kitas/[id]')).toBe('verwaltung');
		expect(audienceOfRoute('/fachberatung/[id]')).toBe('fachberatung');
		expect(audienceOfRoute('/(parent)/konto/daten')).toBe('parent');
		// Public pages, the account pages every role has, and lookalikes are not gated.
		for (const open of ['/', '/kitas', '/kitas/[id]', '/konto', '/anmeldung', '/kindertagespflege', null])
			expect(audienceOfRoute(open)).toBeUndefined();
		expect(audienceOfRoute('/constructor')).toBeUndefined();
		expect(audienceOfRoute('/(kita)/x')).toBe('kita');
	});
});
