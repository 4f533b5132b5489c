import { describe, expect, it } from 'vitest';
import {
	createWalkinSchema,
	decideDuplicateStep,
	DUPLICATE_STATUSES,
	type DuplicateStatus,
	type DuplicateStep
} from './staff';

// Every allowed step of a possible duplicate; every other (status, step) pair is refused.
const ALLOWED: [DuplicateStatus, DuplicateStep, DuplicateStatus][] = [
	['open', { actor: 'staff', decision: 'ask', confirmer: 'family' }, 'askedFamily'],
	['open', { actor: 'staff', decision: 'ask', confirmer: 'office' }, 'awaitingOffice'],
	['open', { actor: 'staff', decision: 'separate', confirmer: 'family' }, 'separate'],
	['open', { actor: 'staff', decision: 'separate', confirmer: 'office' }, 'separate'],
	['askedFamily', { actor: 'parent', answer: 'mine' }, 'linked'],
	['askedFamily', { actor: 'parent', answer: 'notMine' }, 'separate'],
	['awaitingOffice', { actor: 'admin', decision: 'link' }, 'linked'],
	['awaitingOffice', { actor: 'admin', decision: 'separate' }, 'separate'],
	['askedFamily', { actor: 'system', event: 'walkinClaimed' }, 'awaitingOffice']
];

const STEPS: DuplicateStep[] = [
	{ actor: 'staff', decision: 'ask', confirmer: 'family' },
	{ actor: 'staff', decision: 'ask', confirmer: 'office' },
	{ actor: 'staff', decision: 'separate', confirmer: 'family' },
	{ actor: 'staff', decision: 'separate', confirmer: 'office' },
	{ actor: 'parent', answer: 'mine' },
	{ actor: 'parent', answer: 'notMine' },
	{ actor: 'admin', decision: 'link' },
	{ actor: 'admin', decision: 'separate' },
	{ actor: 'system', event: 'walkinClaimed' }
];

describe('decideDuplicateStep', () => {
	it.each(ALLOWED)('%s + %o → %s', (from, step, to) => {
		expect(decideDuplicateStep(from, step)).toBe(to);
	});

	it('refuses every other pair: staff never link, and nobody decides twice', () => {
		const allowed = new Set(ALLOWED.map(([from, step]) => `${from}|${JSON.stringify(step)}`));
		for (const from of DUPLICATE_STATUSES)
			for (const step of STEPS)
				if (!allowed.has(`${from}|${JSON.stringify(step)}`))
					expect(decideDuplicateStep(from, step), `${from} ${JSON.stringify(step)}`).toBeNull();
	});
});

describe('createWalkinSchema: the phone number is required at the front desk', () => {
	const guardian = {
		id: '0b8f7a4e-3c1d-4e2f-9a6b-5c4d3e2f1a0b',
		position: 1 as const,
		firstName: 'Jelena',
		lastName: 'Beispiel',
		street: 'Bahnhofstraße 12',
		postcode: '59609',
		town: 'Anröchte',
		phone: '02947 4567',
		email: ''
	};
	const walkin = (g: Partial<typeof guardian>) => ({
		familyId: '1b8f7a4e-3c1d-4e2f-9a6b-5c4d3e2f1a0b',
		registrationId: '2b8f7a4e-3c1d-4e2f-9a6b-5c4d3e2f1a0b',
		requestId: '3b8f7a4e-3c1d-4e2f-9a6b-5c4d3e2f1a0b',
		facilityId: '4b8f7a4e-3c1d-4e2f-9a6b-5c4d3e2f1a0b',
		claimCodeHash: 'a'.repeat(64),
		guardians: [{ ...guardian, ...g }],
		child: {
			id: '5b8f7a4e-3c1d-4e2f-9a6b-5c4d3e2f1a0b',
			firstName: 'Lina',
			lastName: 'Beispiel',
			birthDate: '2023-09-09'
		},
		startDate: '2027-02-01',
		weeklyHours: 35,
		changeRequest: false,
		comment: '',
		privacySigned: true
	});
	const phoneIssues = (g: Partial<typeof guardian>) => {
		const parsed = createWalkinSchema.safeParse(walkin(g));
		return parsed.success
			? []
			: parsed.error.issues.filter((i) => i.path.join('.') === 'guardians.0.phone').map((i) => i.message);
	};

	it('accepts a guardian with a phone number and no email address', () => {
		expect(createWalkinSchema.safeParse(walkin({})).success).toBe(true);
	});

	it.each([
		['no phone, no email', { phone: '' }],
		['blanks only', { phone: '   ' }],
		['an email address instead', { phone: '', email: 'jelena@example.org' }]
	])('refuses %s with the one message "phoneRequired" at the phone field', (_, g) => {
		expect(phoneIssues(g)).toEqual(['phoneRequired']);
	});
});
