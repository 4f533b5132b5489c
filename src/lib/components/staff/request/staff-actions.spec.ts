import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadMessages } from '$lib/i18n/messages';
import { MUTATION_RULES, type Rule } from '$lib/domain/permissions';
import type { MutationName } from '$lib/domain/mutations';
import { STAFF_ACTIONS } from '$lib/domain/staff';

const sent = vi.hoisted(() => [] as { name: string; args: unknown }[]);
vi.mock('$lib/client/sync/mutate', () => ({
	mutate: (name: string, args: unknown) => {
		sent.push({ name, args });
		return Promise.resolve(sent.length);
	}
}));

const { ACTIONS, staffActions } = await import('./staff-actions');

const target = { requestId: '00000000-0000-4000-8000-000000000001', expectedStatus: 'registered' as const };
const input = {
	offer: { startDate: '2027-08-01', weeklyHours: 35 as const, note: 'n' },
	reject: { reason: 'other' as const, note: 'r' }
};

describe('the staff actions as data', () => {
	beforeAll(async () => {
		await loadMessages('/kita/anfrage/[id]');
	});

	it('has one row for every staff action, and none else', () => {
		expect(Object.keys(ACTIONS).sort()).toEqual([...STAFF_ACTIONS].sort());
	});

	for (const action of STAFF_ACTIONS)
		it(`${action}: sends the mutation whose rule carries it, with the target and its form`, async () => {
			sent.length = 0;
			await ACTIONS[action].send(target, input);
			expect(sent).toHaveLength(1);
			const [{ name, args }] = sent as [{ name: MutationName; args: Record<string, unknown> }];
			const rule: Rule = MUTATION_RULES[name];
			expect(rule.request ?? []).toContain(action);
			expect(args).toMatchObject(target);
			if (action === 'offer') expect(args).toMatchObject(input.offer);
			if (action === 'reject') expect(args).toMatchObject(input.reject);
			if (action === 'accept' || action === 'decline') expect(args).toMatchObject({ answer: action });
		});

	it('asks with a title, a text and the button’s own label for every action', () => {
		for (const action of STAFF_ACTIONS) {
			const { title, text } = ACTIONS[action].confirm({ offerResponseDays: 14 });
			expect(`${action}: ${title.length > 0} ${text.length > 0} ${ACTIONS[action].label().length > 0}`).toBe(
				`${action}: true true true`
			);
		}
	});

	it('keeps the staff actions among those permitted, in their order', () => {
		expect(staffActions(['withdraw', 'withdrawOffer', 'accept', 'update', 'decline'])).toEqual([
			'withdrawOffer',
			'accept',
			'decline'
		]);
	});
});
