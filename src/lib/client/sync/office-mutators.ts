// Optimistic effects of the youth office's mutations (and a Kita's own description): the local
// catalogue and the Fachberatung's queue show the change at once, offline too; the server decides.
import { decideChildminding } from '$lib/domain/childminding';
import { facilityFromInput, withInfo } from '$lib/domain/facility-admin';
import { kitaYearFromInput } from '$lib/domain/kita-year-admin';
import type { KitaYearId, FacilityId } from '$lib/domain/ids';
import { capacityKey } from '$lib/sync/protocol';
import type { ClientMutatorRegistry } from './mutator-types';

export const officeClientMutators: ClientMutatorRegistry = {
	async saveFacility(w, args) {
		await w.put('facilities', facilityFromInput(args));
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
		const row = await w.get('childminderRequests', args.id);
		if (!row) return;
		const d = decideChildminding({
			status: row.status,
			event: args.event,
			actor: 'childminding',
			expectedStatus: args.expectedStatus
		});
		if (d.ok)
			await w.update('childminderRequests', args.id, { status: d.to, updatedAt: new Date().toISOString() });
	},
	async saveChildmindingNote(w, args) {
		await w.update('childminderRequests', args.id, { internalNote: args.note });
	}
};
