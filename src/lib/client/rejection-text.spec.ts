import { beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '$lib/i18n/messages';
import de from '../messages/de.json';
import { describeRefusal } from './rejection-text';

describe('describeRefusal', () => {
	beforeAll(async () => {
		await loadMessages('/achtung');
	});

	it('tells a parent that the child was linked into another account, not that it is gone', () => {
		expect(describeRefusal('linkedElsewhere')).toBe(de.refusal_linked_elsewhere);
		expect(describeRefusal('linkedElsewhere')).not.toBe(describeRefusal('notFound'));
		expect(describeRefusal('notFound')).toBe(de.refusal_not_found);
	});

	it('explains a taken id and a server defect instead of the generic text (issue 12.6)', () => {
		expect(describeRefusal('idTaken')).toBe(de.refusal_id_taken);
		expect(describeRefusal('serverError')).toBe(de.refusal_server_error);
	});

	it('names what was invalid, e.g. a walk-in without a phone number (issue 13.11)', () => {
		const current = {
			issues: [
				{ path: ['guardians', 0, 'phone'], message: 'phoneRequired' },
				{ path: ['guardians', 1, 'phone'], message: 'phoneRequired' }
			]
		};
		expect(describeRefusal('invalidInput', current)).toBe(
			`${de.refusal_invalid_input} ${de.staff_walkin_phone_required}`
		);
		expect(describeRefusal('invalidInput')).toBe(de.refusal_invalid_input);
	});

	it('falls back to the generic text for a code it does not know', () => {
		expect(describeRefusal('somethingNew')).toBe(de.refusal_unknown);
	});
});
