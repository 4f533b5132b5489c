// Mutations of the youth office: admins keep the Kita catalogue and the Kita years, a Kita's staff
// its description and contact, the Fachberatung works the child-minding requests. Sync mutations,
// so that edits made offline queue like every other change.
import { decideChildminding, type ChildmindingStatus } from '../../../src/lib/domain/childminding';
import { facilityPermissions } from '../../../src/lib/domain/facility-admin';
import { audit } from '../../services/audit';
import { saveFacility, saveFacilityInfo, saveKitaYear, setCapacities } from '../../services/catalogue-admin';
import { notifyStatusChange } from '../../services/notifications';
import { toChildminderRequest } from '../../services/requests';
import { EVERYONE } from '../poke';
import { Refusal } from '../refusal';
import type { MutatorContext, MutatorRegistry } from './context';

/** Everyone's finder shows the catalogue: every open client pulls after a change. */
function catalogueChanged(ctx: MutatorContext): void {
	ctx.affected.add(EVERYONE);
}

async function childminderRequest(ctx: MutatorContext, id: string) {
	const row = await ctx.tx
		.selectFrom('childminder_requests')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) throw new Refusal('notFound', 'childminding.notFound');
	return row;
}

/** The family's account holder and every adviser: their clients hold the request. */
async function childmindingConcerned(ctx: MutatorContext, familyId: string): Promise<void> {
	for (const id of await advisers(ctx)) ctx.affected.add(id);
	const family = await ctx.tx
		.selectFrom('families')
		.select('owner_user_id')
		.where('id', '=', familyId)
		.executeTakeFirst();
	if (family?.owner_user_id) ctx.affected.add(family.owner_user_id);
}

async function advisers(ctx: MutatorContext): Promise<string[]> {
	const rows = await ctx.tx.selectFrom('users').select('id').where('role', '=', 'childminding').execute();
	return rows.map((r) => r.id);
}

export const youthOfficeMutators: MutatorRegistry = {
	saveFacility: {
		roles: ['admin'],
		async run(ctx, args) {
			await saveFacility(ctx.tx, args, await ctx.seq(), ctx.now);
			await audit(
				ctx.tx,
				{ action: 'facility.write', actor: ctx.session, targetType: 'facility', targetId: args.id },
				ctx.now
			);
			catalogueChanged(ctx);
		}
	},
	setCapacities: {
		roles: ['admin'],
		async run(ctx, args) {
			await setCapacities(ctx.tx, args, await ctx.seq());
			await audit(
				ctx.tx,
				{ action: 'facility.write', actor: ctx.session, targetType: 'capacities', targetId: args.facilityId },
				ctx.now
			);
			catalogueChanged(ctx);
		}
	},
	saveFacilityInfo: {
		roles: ['admin', 'staff'],
		async run(ctx, args) {
			// Staff of another Kita get the same answer as for a Kita that does not exist.
			if (!facilityPermissions(ctx.session.role, ctx.session.facilityIds, args.facilityId).info)
				throw new Refusal('notFound', 'facility.notFound');
			await saveFacilityInfo(ctx.tx, args, await ctx.seq(), ctx.now);
			await audit(
				ctx.tx,
				{ action: 'facility.write', actor: ctx.session, targetType: 'facility', targetId: args.facilityId },
				ctx.now
			);
			catalogueChanged(ctx);
		}
	},
	saveKitaYear: {
		roles: ['admin'],
		async run(ctx, args) {
			await saveKitaYear(ctx.tx, args, await ctx.seq());
			await audit(
				ctx.tx,
				{ action: 'kitaYear.write', actor: ctx.session, targetType: 'kitaYear', targetId: args.id },
				ctx.now
			);
			catalogueChanged(ctx);
		}
	},
	childmindingTransition: {
		roles: ['childminding'],
		async run(ctx, args) {
			const row = await childminderRequest(ctx, args.id);
			const decision = decideChildminding({
				status: row.status as ChildmindingStatus,
				event: args.event,
				actor: 'childminding',
				expectedStatus: args.expectedStatus
			});
			if (!decision.ok)
				throw new Refusal(decision.code, `childminding.${decision.code}`, toChildminderRequest(row, true));
			await ctx.tx
				.updateTable('childminder_requests')
				.set({ status: decision.to, updated_at: ctx.now.toISOString(), seq: await ctx.seq() })
				.where('id', '=', row.id)
				.execute();
			// The generic status mail (FAQ): what changed is visible only after login.
			await notifyStatusChange(ctx.tx, row.family_id, ctx.now, ctx.app.config.origin);
			await childmindingConcerned(ctx, row.family_id);
			await audit(
				ctx.tx,
				{
					action: 'childminding.write',
					actor: ctx.session,
					targetType: 'childminderRequest',
					targetId: row.id
				},
				ctx.now
			);
		}
	},
	saveChildmindingNote: {
		roles: ['childminding'],
		async run(ctx, args) {
			const row = await childminderRequest(ctx, args.id);
			// The family pulls the re-stamped row too, but never the note (toChildminderRequest), and
			// updated_at stays: a note is not a change of their request.
			await ctx.tx
				.updateTable('childminder_requests')
				.set({ internal_note: args.note, seq: await ctx.seq() })
				.where('id', '=', row.id)
				.execute();
			for (const id of await advisers(ctx)) ctx.affected.add(id);
			await audit(
				ctx.tx,
				{
					action: 'childminding.write',
					actor: ctx.session,
					targetType: 'childminderRequest',
					targetId: row.id
				},
				ctx.now
			);
		}
	}
};
