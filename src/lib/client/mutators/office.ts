// Optimistic effects of the youth office's mutations (and a Kita's own description): the local
// catalogue and the Fachberatung's queue show the change at once, offline too
// (server: server/sync/mutators/youth-office.ts).
import { facilityFromInput, withInfo } from '$lib/domain/facility-admin';
import type { FacilityId, KitaYearId } from '$lib/domain/ids';
import { kitaYearFromInput } from '$lib/domain/kita-year-admin';
import { capacityKey } from '$lib/sync/protocol';
import { childmindingTransition } from './transition';
import type { ClientMutators } from './types';

export type OfficeMutation =
	| 'saveFacility'
	| 'setCapacities'
	| 'saveFacilityInfo'
	| 'saveKitaYear'
	| 'childmindingTransition'
	| 'saveChildmindingNote';

export const officeMutators: ClientMutators<OfficeMutation> = {
	async saveFacility(w, args) {
		// The master data leave the Kita's published criteria as they are (as the server does).
		const existing = await w.get('facilities', args.id);
		await w.put('facilities', facilityFromInput(args, existing?.admissionCriteria ?? []));
	},
	async setCapacities(w, args) {
		for (const row of args.rows) {
			const cell = {
				facilityId: args.facilityId as FacilityId,
				kitaYearId: args.kitaYearId as KitaYearId,
				ageBand: row.ageBand,
				weeklyHours: row.weeklyHours
			};
			const key = capacityKey(cell);
			const existing = await w.get('capacities', key);
			await w.put('capacities', {
				contracted: 0,
				offered: 0,
				...existing,
				...cell,
				places: row.places,
				key
			});
		}
	},
	async saveFacilityInfo(w, args) {
		const facility = await w.get('facilities', args.facilityId);
		if (facility) await w.put('facilities', withInfo(facility, args));
	},
	async saveKitaYear(w, args) {
		await w.put('kitaYears', kitaYearFromInput(args));
	},
	async childmindingTransition(w, args) {
		await childmindingTransition(w, args.id, {
			event: args.event,
			expectedStatus: args.expectedStatus,
			actor: 'childminding'
		});
	},
	async saveChildmindingNote(w, args) {
		await w.update('childminderRequests', args.id, { internalNote: args.note });
	}
};
