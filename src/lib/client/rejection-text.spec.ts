import { describe, expect, it, vi } from 'vitest';
import type { Guardian } from '$lib/domain/family';
import { MUTATION_ARGS, type MutationName } from '$lib/domain/mutations';
import { refusalsOf } from '$lib/sync/refusals';
import de from '../messages/de.json';

const LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'] as const;
const CHILD = '11111111-1111-4111-8111-111111111111';
const KITA = '22222222-2222-4222-8222-222222222222';
const REQUEST = '33333333-3333-4333-8333-333333333333';
const CM = '44444444-4444-4444-8444-444444444444';
const DUP = '55555555-5555-4555-8555-555555555555';
const FAMILY = '66666666-6666-4666-8666-666666666666';
const GUARDIAN = '77777777-7777-4777-8777-777777777777';

/** Arguments of each mutation as a client sends them, pointing at the things named below. */
const ARGS: Record<MutationName, Record<string, unknown>> = {
	saveGuardian: {
		id: GUARDIAN,
		position: 1,
		firstName: 'Eva',
		lastName: 'Sommer',
		street: 'Neue Str. 2',
		postcode: '57072',
		town: 'Siegen',
		phone: '0271 1',
		email: ''
	},
	saveChild: { id: CHILD, firstName: 'Mia', lastName: 'Sommer', birthDate: '2023-01-01' },
	submitRegistration: { registrationId: DUP, childId: CHILD, items: [{ facilityId: KITA }] },
	updateRequest: { requestId: REQUEST },
	rankRequests: { childId: CHILD },
	withdrawRequest: { requestId: REQUEST },
	answerOffer: { requestId: REQUEST, answer: 'accept' },
	submitChildminding: { id: CM, childId: CHILD },
	withdrawChildminding: { id: CM },
	answerLinkQuestion: { candidateId: DUP, answer: 'mine' },
	makeOffer: { requestId: REQUEST },
	withdrawOffer: { requestId: REQUEST },
	rejectRequest: { requestId: REQUEST },
	recordAnswer: { requestId: REQUEST, answer: 'accept' },
	concludeContract: { requestId: REQUEST },
	createWalkin: { facilityId: KITA, child: { firstName: 'Mia', lastName: 'Sommer' } },
	renewClaimCode: { familyId: FAMILY },
	decideDuplicate: { candidateId: DUP },
	auditRead: { kind: 'request', id: REQUEST },
	moveInQueue: {
		id: DUP,
		requestId: REQUEST,
		anchorRequestId: DUP,
		placement: 'before',
		reason: 'Härtefall'
	},
	sendRoundProposal: { proposalId: DUP },
	changeRoundProposal: {
		proposalId: DUP,
		dropRequestId: REQUEST,
		addRequestId: null,
		reason: 'Familie verzogen'
	},
	saveFacility: { id: KITA, name: 'Kita Sonnenschein' },
	setCapacities: { facilityId: KITA },
	saveFacilityInfo: { facilityId: KITA },
	saveKitaYear: { id: '2026/27' },
	childmindingTransition: { id: CM },
	saveChildmindingNote: { id: CM }
};

const storedGuardian = {
	id: GUARDIAN,
	position: 1,
	firstName: 'Eva',
	lastName: 'Sommer',
	street: 'Alte Str. 1',
	postcode: '57072',
	town: 'Siegen',
	phone: '0271 1',
	email: ''
} as unknown as Guardian;

const NAMES = {
	facilities: new Map([[KITA, 'Kita Sonnenschein']]),
	children: new Map([[CHILD, 'Mia Sommer']]),
	requests: new Map([[REQUEST, { childId: CHILD, facilityId: KITA }]]),
	childminding: new Map([[CM, { childId: CHILD }]]),
	duplicates: new Map([[DUP, { childId: CHILD, facilityId: KITA }]]),
	families: new Map([[FAMILY, 'Mia Sommer']]),
	guardians: new Map([[GUARDIAN, storedGuardian]]),
	proposals: new Map([[DUP, { facilityId: KITA }]]),
	staff: false
};

/** The texts of every (mutation, reason) pair in one language (modules loaded afresh for it). */
async function textsIn(locale: (typeof LOCALES)[number]) {
	vi.resetModules();
	const runtime = await import('$lib/i18n/runtime');
	runtime.setLocale(locale, { reload: false });
	const { loadMessages } = await import('$lib/i18n/messages');
	await loadMessages('/achtung');
	const { describeRejection } = await import('./rejection-text');
	const texts = new Map<string, ReturnType<typeof describeRejection>>();
	for (const name of Object.keys(MUTATION_ARGS) as MutationName[])
		for (const code of refusalsOf(name))
			texts.set(`${name}:${code}`, describeRejection({ name, args: ARGS[name], code }, NAMES));
	const unknown = describeRejection({ name: 'saveGuardian', args: ARGS.saveGuardian, code: 'fromTheFuture' });
	return { texts, unknown, describeRejection };
}

describe('describeRejection', () => {
	it('has a specific text, naming the thing, for every mutation and reason the server can give, in every language', async () => {
		const german = await textsIn('de');
		expect(german.texts.size).toBeGreaterThan(100);
		for (const locale of LOCALES) {
			const { texts, unknown } = locale === 'de' ? german : await textsIn(locale);
			for (const [pair, text] of texts) {
				const where = `${locale} ${pair}`;
				expect(text.unknownReason, where).toBe(false);
				expect(text.why, where).not.toBe(unknown.why);
				for (const part of [text.what, text.why]) {
					// A message missing in this language renders as its key; an unfilled input as {name}.
					expect(part, where).not.toMatch(/^[a-z_]+$|\{[a-z]+\}/);
					if (locale !== 'de')
						expect(part, where).not.toBe(german.texts.get(pair)![part === text.what ? 'what' : 'why']);
				}
				// The thing is named: the child, the Kita, the guardian's number, the Kita year.
				expect(text.what, where).toMatch(/Mia Sommer|Kita Sonnenschein|1|2026\/27/);
				if (!pair.startsWith('auditRead')) expect(text.next.length, where).toBeGreaterThan(0);
			}
		}
	});

	it('names the guardian and the group of details that changed (issue 13, defect 4)', async () => {
		const { describeRejection } = await textsIn('de');
		const refused = describeRejection(
			{ name: 'saveGuardian', args: ARGS.saveGuardian, code: 'notFound' },
			NAMES
		);
		expect(refused.what).toBe(de.rej_guardian_address.replace('{position}', '1'));
		expect(refused.what).toContain('Adresse von Erziehungsberechtigter Person 1');
		const taken = describeRejection(
			{ name: 'saveGuardian', args: { ...ARGS.saveGuardian, id: CHILD, position: 2 }, code: 'positionTaken' },
			NAMES
		);
		expect(taken.what).toBe(de.rej_guardian_all.replace('{position}', '2'));
		expect(taken.next).toEqual([
			{ kind: 'reload' },
			{ kind: 'link', href: '/familie', label: de.rej_action_family }
		]);
	});

	it('names what was invalid, e.g. a walk-in without a phone number (issue 13, point 11)', async () => {
		const { describeRejection } = await textsIn('de');
		const current = {
			issues: [
				{ path: ['guardians', 0, 'phone'], message: 'phoneRequired' },
				{ path: ['guardians', 1, 'phone'], message: 'phoneRequired' }
			]
		};
		const refused = describeRejection(
			{ name: 'createWalkin', args: ARGS.createWalkin, code: 'invalidInput', current },
			NAMES
		);
		expect(refused.why).toBe(`${de.refusal_invalid_input} ${de.staff_walkin_phone_required}`);
		const plain = describeRejection(
			{ name: 'createWalkin', args: ARGS.createWalkin, code: 'invalidInput' },
			NAMES
		);
		expect(plain.why).toBe(de.refusal_invalid_input);
	});

	it('offers to try again only where the cause was temporary', async () => {
		const { describeRejection } = await textsIn('de');
		const failed = describeRejection({ name: 'makeOffer', args: ARGS.makeOffer, code: 'serverError' }, NAMES);
		expect(failed.next[0]).toEqual({ kind: 'retry' });
		expect(failed.what).toBe(
			'Ihr Vertragsangebot für Mia Sommer (Kita Sonnenschein) wurde nicht übernommen.'
		);
		const stale = describeRejection({ name: 'makeOffer', args: ARGS.makeOffer, code: 'staleStatus' }, NAMES);
		expect(stale.next.map((step) => step.kind)).toEqual(['reload', 'link']);
	});

	it('keeps the generic reason for codes it does not know, and still names the change', async () => {
		const { unknown } = await textsIn('de');
		expect(unknown.unknownReason).toBe(true);
		expect(unknown.why).toBe(de.rej_why_unknown.replace('{code}', 'fromTheFuture'));
		expect(unknown.what).toContain('Erziehungsberechtigter Person 1');
	});
});

// Issue 14, point 7: each entry names the child and the Kita, what was tried with the values the
// user typed, what happened instead and by whom (a role), and offers the next step.
describe('describeRejection with context', () => {
	const offered = {
		id: REQUEST,
		registrationId: DUP,
		childId: CHILD,
		facilityId: KITA,
		status: 'offered'
	};

	it('a parent’s withdrawal refused because the Kita made an offer: child, Kita, the offer by the Kita, "Angebot ablehnen"', async () => {
		const { describeRejection } = await textsIn('de');
		const text = describeRejection(
			{
				name: 'withdrawRequest',
				args: { requestId: REQUEST, expectedStatus: 'registered' },
				code: 'staleStatus',
				current: offered,
				actedBy: 'kita',
				actedAt: '2026-12-02T09:00:00.000Z'
			},
			NAMES
		);
		expect(text.what).toBe(
			'Das Zurückziehen der Anmeldung von Mia Sommer bei Kita Sonnenschein wurde nicht übernommen.'
		);
		expect(text.now).toMatch(/^Vertragsangebot – von der Kita, am \d/);
		expect(text.why).toBe(
			'Die Anmeldung wurde inzwischen von der Kita geändert. Ihre Änderung passte nicht mehr zu ihrem Stand.'
		);
		expect(text.namesMissing).toBe(false);
		expect(text.next).toContainEqual({
			kind: 'link',
			href: `/meine-anmeldungen#r-${REQUEST}`,
			label: 'Angebot ablehnen'
		});
		// Withdrawing an offered request is not a step there is: no "try again".
		expect(text.next.map((s) => s.kind)).not.toContain('retry');
	});

	it('a staff Absage refused because a colleague’s offer came first: the typed reason and comment, "Text kopieren"', async () => {
		const { describeRejection } = await textsIn('de');
		const note = 'Bitte ab September, Oma betreut im August';
		const text = describeRejection(
			{
				name: 'rejectRequest',
				args: { requestId: REQUEST, expectedStatus: 'registered', reason: 'other', note },
				code: 'staleStatus',
				current: offered,
				actedBy: 'colleague'
			},
			{ ...NAMES, staff: true }
		);
		expect(text.what).toContain('Mia Sommer');
		expect(text.what).toContain('Kita Sonnenschein');
		expect(text.typed).toEqual([
			{ label: 'Grund der Absage', value: 'Sonstiges' },
			{ label: 'Notiz', value: note }
		]);
		expect(text.now).toBe(
			'Vertragsangebot – von einer anderen Mitarbeiterin oder einem anderen Mitarbeiter Ihrer Kita'
		);
		expect(text.next).toContainEqual({ kind: 'copy', text: note });
	});

	it('shows a parent’s typed start, hours and comment readably', async () => {
		const { describeRejection } = await textsIn('de');
		const text = describeRejection(
			{
				name: 'updateRequest',
				args: {
					requestId: REQUEST,
					expectedStatus: 'registered',
					startDate: '2027-09-01',
					weeklyHours: 45,
					changeRequest: true,
					comment: 'Bitte ab September, Oma betreut im August'
				},
				code: 'staleStatus',
				current: { ...offered, status: 'withdrawn' },
				actedBy: 'you'
			},
			NAMES
		);
		expect(text.typed).toEqual([
			{ label: 'Beginn', value: '01.09.2027' },
			{ label: 'Betreuungszeit', value: '45 Stunden/Woche' },
			{ label: 'Wechselwunsch', value: 'ja' },
			{ label: 'Kommentar', value: 'Bitte ab September, Oma betreut im August' }
		]);
		expect(text.now).toBe(
			'Zurückgezogen – von Ihnen selbst auf einem anderen Gerät oder in einem anderen Fenster'
		);
		expect(text.next).toContainEqual({ kind: 'copy', text: 'Bitte ab September, Oma betreut im August' });
	});

	it('offers "try again" with the current status when the step is still possible from there', async () => {
		const { describeRejection } = await textsIn('de');
		const text = describeRejection(
			{
				name: 'answerOffer',
				args: { requestId: REQUEST, expectedStatus: 'offered', answer: 'decline' },
				code: 'staleStatus',
				current: { ...offered, status: 'accepted' },
				actedBy: 'you'
			},
			NAMES
		);
		expect(text.typed).toEqual([{ label: 'Antwort', value: 'ablehnen' }]);
		expect(text.next[0]).toEqual({
			kind: 'retry',
			args: { requestId: REQUEST, expectedStatus: 'accepted', answer: 'decline' }
		});
	});

	it('names child and Kita from the refusal’s current request when the device has no such request, and says so when it has neither', async () => {
		const { describeRejection } = await textsIn('de');
		const fromCurrent = describeRejection(
			{ name: 'withdrawRequest', args: { requestId: REQUEST }, code: 'staleStatus', current: offered },
			{ ...NAMES, requests: new Map() }
		);
		expect(fromCurrent.what).toContain('Mia Sommer');
		expect(fromCurrent.namesMissing).toBe(false);
		const nothing = describeRejection({
			name: 'withdrawRequest',
			args: { requestId: REQUEST },
			code: 'notFound'
		});
		expect(nothing.namesMissing).toBe(true);
		expect(nothing.missingNote).toBe(
			'Welches Kind und welche Kita das betrifft, ist auf diesem Gerät nicht gespeichert.'
		);
	});

	it('has the new texts in every language', async () => {
		for (const locale of LOCALES) {
			const { describeRejection } = await textsIn(locale);
			for (const actedBy of ['kita', 'colleague', 'youthOffice', 'family', 'system', 'you'] as const) {
				const text = describeRejection(
					{
						name: 'rejectRequest',
						args: { requestId: REQUEST, reason: 'other', note: 'x', expectedStatus: 'registered' },
						code: 'staleStatus',
						current: offered,
						actedBy
					},
					NAMES
				);
				for (const part of [text.now, text.why, ...text.typed.map((t) => t.label), text.missingNote])
					expect(part, `${locale} ${actedBy}`).not.toMatch(/^[a-z_]+$|\{[a-z]+\}/);
			}
		}
	});
});
