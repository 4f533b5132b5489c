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
