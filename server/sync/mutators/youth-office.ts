// Mutations of the youth office: admins keep the Kita catalogue and the Kita years, a Kita's staff
// its description and contact, the Fachberatung works the child-minding requests. Sync mutations,
// so that edits made offline queue like every other change. The writes are commands
// (server/commands/); the child-minding step is still here (issue 15, point 2 moves it).
import { notifyStatusChange } from '../../services/notifications';
import { toChildminderRequest } from '../../services/requests';
import { saveFacility, saveFacilityInfo, setCapacities } from '../../commands/catalogue';
import { saveChildmindingNote } from '../../commands/childminding-registration';
import { saveKitaYear } from '../../commands/kita-years';
import { Refusal } from '../../commands/refusal';
import { childmindingWritten, stepChildminding } from './childminding-step';
import type { UserCommandContext } from '../../commands/context';
import type { MutatorRegistry } from './context';

async function childminderRequest(ctx: UserCommandContext, id: string) {
	const row = await ctx.tx
		.selectFrom('childminder_requests')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) throw new Refusal('notFound', 'childminding.notFound');
	return row;
}

export const youthOfficeMutators: MutatorRegistry = {
	saveFacility: { roles: ['admin'], command: saveFacility },
	setCapacities: { roles: ['admin'], command: setCapacities },
	saveFacilityInfo: { roles: ['admin', 'staff'], command: saveFacilityInfo },
	saveKitaYear: { roles: ['admin'], command: saveKitaYear },
	saveChildmindingNote: { roles: ['childminding'], command: saveChildmindingNote },
	childmindingTransition: {
		roles: ['childminding'],
		async command(ctx, args) {
			const row = await childminderRequest(ctx, args.id);
			await stepChildminding(
				ctx,
				row,
				{ event: args.event, actor: 'childminding', expectedStatus: args.expectedStatus },
				toChildminderRequest(row, true)
			);
			// The generic status mail (FAQ): what changed is visible only after login.
			await notifyStatusChange(ctx.tx, row.family_id, ctx.now, ctx.origin);
			// The family's account holder holds the request too.
			const family = await ctx.tx
				.selectFrom('families')
				.select('owner_user_id')
				.where('id', '=', row.family_id)
				.executeTakeFirst();
			if (family?.owner_user_id) ctx.effects.poke.add(family.owner_user_id);
			await childmindingWritten(ctx, row.id);
		}
	}
};
