// Mutations of the youth office: admins keep the Kita catalogue and the Kita years, a Kita's staff
// its description and contact, the Fachberatung works the child-minding requests. Sync mutations,
// so that edits made offline queue like every other change.
import { facilityPermissions } from '../../../src/lib/domain/facility-admin';
import type { AuditAction } from '../../services/audit';
import { saveFacility, saveFacilityInfo, saveKitaYear, setCapacities } from '../../services/catalogue-admin';
import { notifyStatusChange } from '../../services/notifications';
import { toChildminderRequest } from '../../services/requests';
import { EVERYONE } from '../../events/poke';
import { Refusal } from '../../commands/refusal';
import { auditAs } from './caller';
import { childmindingWritten, stepChildminding } from './childminding-step';
import type { UserCommandContext } from '../../commands/context';
import type { MutatorRegistry } from './context';

/** Everyone's finder shows the catalogue: every open client pulls after a change. */
async function catalogueChanged(
	ctx: UserCommandContext,
	action: AuditAction,
	targetType: string,
	targetId: string
): Promise<void> {
	await auditAs(ctx, action, targetType, targetId);
	ctx.effects.poke.add(EVERYONE);
}

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
	saveFacility: {
		async command(ctx, args) {
			await saveFacility(ctx.tx, args, await ctx.seq(), ctx.now);
			await catalogueChanged(ctx, 'facility.write', 'facility', args.id);
		}
	},
	setCapacities: {
		async command(ctx, args) {
			await setCapacities(ctx.tx, args, await ctx.seq());
			await catalogueChanged(ctx, 'facility.write', 'capacities', args.facilityId);
		}
	},
	saveFacilityInfo: {
		async command(ctx, args) {
			// Staff of another Kita get the same answer as for a Kita that does not exist.
			if (!facilityPermissions(ctx.actor.role, ctx.actor.facilityIds, args.facilityId).info)
				throw new Refusal('notFound', 'facility.notFound');
			await saveFacilityInfo(ctx.tx, args, await ctx.seq(), ctx.now);
			await catalogueChanged(ctx, 'facility.write', 'facility', args.facilityId);
		}
	},
	saveKitaYear: {
		async command(ctx, args) {
			await saveKitaYear(ctx.tx, args, await ctx.seq());
			await catalogueChanged(ctx, 'kitaYear.write', 'kitaYear', args.id);
		}
	},
	childmindingTransition: {
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
	},
	saveChildmindingNote: {
		async command(ctx, args) {
			const row = await childminderRequest(ctx, args.id);
			// The family pulls the re-stamped row too, but never the note (toChildminderRequest), and
			// updated_at stays: a note is not a change of their request.
			await ctx.tx
				.updateTable('childminder_requests')
				.set({ internal_note: args.note, seq: await ctx.seq() })
				.where('id', '=', row.id)
				.execute();
			await childmindingWritten(ctx, row.id);
		}
	}
};
