import { describe, expect, it } from 'vitest';
import { feedbackSchema } from './feedback';

describe('feedback form rules', () => {
	it('needs a kind and a message; everything else is optional', () => {
		const result = feedbackSchema.safeParse({ kind: 'barrier', message: '  Der Kontrast ist zu schwach.  ' });
		expect(result.success && result.data).toEqual({
			kind: 'barrier',
			page: '',
			message: 'Der Kontrast ist zu schwach.',
			name: '',
			email: '',
			wantsReply: false,
			locale: 'de'
		});
	});

	it('reports empty and invalid fields by code', () => {
		const result = feedbackSchema.safeParse({ kind: 'x', message: ' ', email: 'kein-at' });
		expect(result.success).toBe(false);
		const codes = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
		expect(codes).toEqual({ kind: 'required', message: 'required', email: 'emailInvalid' });
	});

	it('needs an address when an answer is wanted', () => {
		const result = feedbackSchema.safeParse({ kind: 'other', message: 'Frage', wantsReply: true });
		expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['email', 'required']]);
		expect(
			feedbackSchema.safeParse({ kind: 'other', message: 'Frage', wantsReply: true, email: 'A@B.de' }).data
				?.email
		).toBe('a@b.de');
	});

	it('refuses overlong messages', () => {
		const result = feedbackSchema.safeParse({ kind: 'content', message: 'x'.repeat(5001) });
		expect(result.error?.issues[0]?.message).toBe('tooLong');
	});
});
