// Changes to the public catalogue by the youth office (and a Kita's own staff for its description
// and contact). Every change stamps the seq, so the finder of every client gets it at its next pull,
// and pokes everyone.
import type { Selectable } from 'kysely';
import {
	facilityFromInput,
	facilityPermissions,
	withInfo,
	type FacilityInfoInput,
	type FacilityInput,
	type SetCapacitiesInput
} from '../../src/lib/domain/facility-admin';
import type { FacilitiesTable } from '../db/schema';
import { EVERYONE } from '../events/poke';
import type { AuditAction } from '../services/audit';
import { facilityRow, toFacility } from '../services/catalogue';
import { openRequestCount } from '../services/catalogue-admin';
import { auditCommand } from './audit';
import type { UserCommandContext } from './context';
import { Refusal } from './refusal';

/** Everyone's finder shows the catalogue: every open client pulls after a change. */
export async function catalogueChanged(
	ctx: UserCommandContext,
	action: AuditAction,
	targetType: string,
	targetId: string
): Promise<void> {
	await auditCommand(ctx, action, targetType, targetId);
	ctx.effects.poke.add(EVERYONE);
}

async function facilityById(
	ctx: UserCommandContext,
	id: string
): Promise<Selectable<FacilitiesTable> | undefined> {
	return ctx.tx.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates or replaces a Kita's master data. Refuses an unknown municipality and — while families
 * still wait for an answer there — the deactivation (their requests would lose their Kita). */
export async function saveFacility(ctx: UserCommandContext, input: FacilityInput): Promise<void> {
	const municipality = await ctx.tx
		.selectFrom('municipalities')
		.select('id')
		.where('id', '=', input.municipalityId)
		.executeTakeFirst();
	if (!municipality) throw new Refusal('unknownMunicipality', 'facility.unknownMunicipality');
	const existing = await facilityById(ctx, input.id);
	if (existing && existing.active === 1 && !input.active) {
		const open = await openRequestCount(ctx.tx, input.id);
		if (open > 0)
			throw new Refusal('openRequests', 'facility.openRequests', {
				count: open,
				current: toFacility(existing)
			});
	}
	const published = existing ? toFacility(existing).admissionCriteria : [];
	const row = facilityRow(facilityFromInput(input, published), await ctx.seq(), ctx.now.toISOString());
	if (existing) {
		const { id: _id, created_at: _created, ...changes } = row;
		await ctx.tx.updateTable('facilities').set(changes).where('id', '=', input.id).execute();
	} else {
		await ctx.tx.insertInto('facilities').values(row).execute();
	}
	await catalogueChanged(ctx, 'facility.write', 'facility', input.id);
}

/**
 * A Kita's own description, opening hours, contact and published admission criteria; nothing else
 * of its master data. Staff of
 * another Kita get the same answer as for a Kita that does not exist.
 */
export async function saveFacilityInfo(ctx: UserCommandContext, info: FacilityInfoInput): Promise<void> {
	if (!facilityPermissions(ctx.actor.role, ctx.actor.facilityIds, info.facilityId).info)
		throw new Refusal('notFound', 'facility.notFound');
	const existing = await facilityById(ctx, info.facilityId);
	if (!existing) throw new Refusal('notFound', 'facility.notFound');
	const next = withInfo(toFacility(existing), info);
	await ctx.tx
		.updateTable('facilities')
		.set({
			description: next.description,
			opening_hours: next.openingHours,
			phone: next.phone,
			email: next.email,
			website: next.website,
			admission_criteria: JSON.stringify(next.admissionCriteria),
			updated_at: ctx.now.toISOString(),
			seq: await ctx.seq()
		})
		.where('id', '=', info.facilityId)
		.execute();
	await catalogueChanged(ctx, 'facility.write', 'facility', info.facilityId);
}

/** Sets the places of the given age band × hours combinations; counters of contracts and offers stay. */
export async function setCapacities(ctx: UserCommandContext, input: SetCapacitiesInput): Promise<void> {
	if (!(await facilityById(ctx, input.facilityId))) throw new Refusal('notFound', 'facility.notFound');
	const year = await ctx.tx
		.selectFrom('kita_years')
		.select('id')
		.where('id', '=', input.kitaYearId)
		.executeTakeFirst();
	if (!year) throw new Refusal('notFound', 'kitaYear.notFound');
	const seq = await ctx.seq();
	for (const row of input.rows)
		await ctx.tx
			.insertInto('capacities')
			.values({
				facility_id: input.facilityId,
				kita_year_id: input.kitaYearId,
				age_band: row.ageBand,
				weekly_hours: row.weeklyHours,
				places: row.places,
				contracted: 0,
				offered: 0,
				seq
			})
			.onConflict((oc) =>
				oc
					.columns(['facility_id', 'kita_year_id', 'age_band', 'weekly_hours'])
					.doUpdateSet({ places: row.places, seq })
			)
			.execute();
	// The finder lists a Kita's places with the facility; stamping it makes clients re-read both.
	await ctx.tx.updateTable('facilities').set({ seq }).where('id', '=', input.facilityId).execute();
	await catalogueChanged(ctx, 'facility.write', 'capacities', input.facilityId);
}
