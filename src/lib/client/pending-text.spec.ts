// Issue 14, point 7: the logout warning names each change not yet sent — which change, for which
// child and Kita — in every language.
import { describe, expect, it, vi } from 'vitest';
import { MUTATION_ARGS, type MutationName } from '$lib/domain/mutations';

const LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'] as const;
const CHILD = '11111111-1111-4111-8111-111111111111';
const KITA = '22222222-2222-4222-8222-222222222222';
const REQUEST = '33333333-3333-4333-8333-333333333333';

const NAMES = {
	facilities: new Map([[KITA, 'Kita Sonnenschein']]),
	children: new Map([[CHILD, 'Mia Sommer']]),
	requests: new Map([[REQUEST, { childId: CHILD, facilityId: KITA }]]),
	childminding: new Map(),
	duplicates: new Map(),
	families: new Map(),
	guardians: new Map(),
	proposals: new Map(),
	staff: false
};

async function describePendingIn(locale: (typeof LOCALES)[number]) {
	vi.resetModules();
	const runtime = await import('$lib/i18n/runtime');
	runtime.setLocale(locale, { reload: false });
	const { loadMessages } = await import('$lib/i18n/messages');
	const { DEFERRED_TEXTS } = await import('$lib/i18n/messages');
	await loadMessages(DEFERRED_TEXTS);
	return (await import('./pending-text')).describePending;
}

describe('describePending', () => {
	it('names the change, the child and the Kita', async () => {
		const describePending = await describePendingIn('de');
		expect(describePending({ name: 'withdrawRequest', args: { requestId: REQUEST } }, NAMES)).toBe(
			'Anmeldung zurückziehen: Mia Sommer, Kita Sonnenschein'
		);
		expect(
			describePending(
				{ name: 'rejectRequest', args: { requestId: REQUEST, note: 'x' } },
				{ ...NAMES, staff: true }
			)
		).toBe('Absage: Mia Sommer, Kita Sonnenschein');
		// Not on the device: the change alone.
		expect(describePending({ name: 'withdrawRequest', args: { requestId: CHILD } })).toBe(
			'Anmeldung zurückziehen'
		);
	});

	it('has a text for every change in every language', async () => {
		for (const locale of LOCALES) {
			const describePending = await describePendingIn(locale);
			for (const name of Object.keys(MUTATION_ARGS) as MutationName[]) {
				const text = describePending({ name, args: { requestId: REQUEST } }, NAMES);
				expect(text, `${locale} ${name}`).not.toMatch(/^[a-z_]+$|\{[a-z]+\}|undefined/);
				expect(text, `${locale} ${name}`).toContain('Mia Sommer');
			}
		}
	});
});
