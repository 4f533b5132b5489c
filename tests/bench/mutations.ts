// Mutations the bench and the soak send, built as the client would (valid for the shared schemas).
import type { Day } from '../../src/lib/domain/calendar-day';
import type { Mutation } from '../../src/lib/sync/protocol';

export function guardianArgs(id: string, phone: string) {
	return {
		id,
		position: 1 as const,
		firstName: 'Erika',
		lastName: 'Muster',
		street: 'Hauptstraße 1',
		postcode: '59457',
		town: 'Werl',
		phone,
		email: ''
	};
}

/** The three mutations of one family that registers one child at `kitas`. */
export function familyMutations(
	first: number,
	kitas: readonly string[],
	startDate: Day,
	birthDate: Day,
	at: string,
	guardianId: string = crypto.randomUUID()
): Mutation[] {
	const childId = crypto.randomUUID();
	return [
		{ id: first, name: 'saveGuardian', args: guardianArgs(guardianId, '02922 1234'), createdAt: at },
		{
			id: first + 1,
			name: 'saveChild',
			args: { id: childId, firstName: 'Mia', lastName: 'Muster', birthDate },
			createdAt: at
		},
		{
			id: first + 2,
			name: 'submitRegistration',
			args: {
				registrationId: crypto.randomUUID(),
				childId,
				items: kitas.map((facilityId) => ({
					requestId: crypto.randomUUID(),
					facilityId,
					startDate,
					weeklyHours: 35,
					changeRequest: false,
					comment: ''
				}))
			},
			createdAt: at
		}
	];
}
