// Mutations of the youth office: admins keep the Kita catalogue and the Kita years, a Kita's staff
// its description and contact, the Fachberatung works the child-minding requests. Sync mutations,
// so that edits made offline queue like every other change. The writes are commands
// (server/commands/); the child-minding step is the transition command of its machine.
import { toChildminderRequest } from '../../services/requests';
import { saveFacility, saveFacilityInfo, setCapacities } from '../../commands/catalogue';
import { saveChildmindingNote } from '../../commands/childminding-registration';
import { saveKitaYear } from '../../commands/kita-years';
import { childminderRequestRow, transitionChildminding } from '../../commands/transition-childminding';
import type { MutatorRegistry } from './context';

export const youthOfficeMutators: MutatorRegistry = {
	saveFacility: { command: saveFacility },
	setCapacities: { command: setCapacities },
	saveFacilityInfo: { command: saveFacilityInfo },
	saveKitaYear: { command: saveKitaYear },
	saveChildmindingNote: { command: saveChildmindingNote },
	childmindingTransition: {
		async command(ctx, args) {
			const row = await childminderRequestRow(ctx, args.id);
			// Mail, pokes and audit: the transition's effects table (commands/transition-effects.ts).
			await transitionChildminding(
				ctx,
				row,
				{ event: args.event, actor: 'childminding', expectedStatus: args.expectedStatus },
				toChildminderRequest(row, true)
			);
		}
	}
};
