// The youth office's Kita years: creating and changing one, and closing a year's allocation early
// (its waiting requests are carried over at once).
import { checkKitaYear, kitaYearFromInput, type KitaYearInput } from '../../src/lib/domain/kita-year-admin';
import { kitaYearRow, listKitaYears } from '../services/catalogue';
import { auditCommand } from './audit';
import { carryOverYear, type CarryOverResult } from './carry-over';
import { catalogueChanged } from './catalogue';
import type { UserCommandContext } from './context';
import { Refusal } from './refusal';

/**
 * Creates or changes a Kita year. Refuses dates out of order (checkKitaYear) and a range that
 * would leave requests of the year outside it.
 */
export async function saveKitaYear(ctx: UserCommandContext, input: KitaYearInput): Promise<void> {
	const years = await listKitaYears(ctx.tx);
	const issues = checkKitaYear(input, years);
	if (issues.length) throw new Refusal('invalidKitaYear', 'kitaYear.invalid', { issues });
	const outside = await ctx.tx
		.selectFrom('requests')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('kita_year_id', '=', input.id)
		.where((eb) => eb.or([eb('start_date', '<', input.startsOn), eb('start_date', '>', input.endsOn)]))
		.executeTakeFirstOrThrow();
	if (Number(outside.n) > 0)
		throw new Refusal('requestsOutsideYear', 'kitaYear.requestsOutside', { count: Number(outside.n) });
	const row = kitaYearRow(kitaYearFromInput(input), await ctx.seq());
	if (years.some((y) => y.id === input.id)) {
		const { id: _id, ...changes } = row;
		await ctx.tx.updateTable('kita_years').set(changes).where('id', '=', input.id).execute();
	} else await ctx.tx.insertInto('kita_years').values(row).execute();
	await catalogueChanged(ctx, 'kitaYear.write', 'kitaYear', input.id);
}

/**
 * The admin's action: the allocation of `kitaYearId` ends now (an earlier closure stays), and the
 * carry-over runs at once, in the same transaction. An unknown year is refused as `notFound`.
 */
export async function closeAllocation(
	ctx: UserCommandContext,
	kitaYearId: string
): Promise<CarryOverResult | null> {
	const years = await listKitaYears(ctx.tx);
	const year = years.find((y) => y.id === kitaYearId);
	if (!year) throw new Refusal('notFound', 'kitaYear.notFound');
	await ctx.tx
		.insertInto('allocation_closures')
		.values({ kita_year_id: kitaYearId, closed_at: ctx.now.toISOString(), closed_by: ctx.actor.userId })
		.onConflict((oc) => oc.column('kita_year_id').doNothing())
		.execute();
	const result = await carryOverYear(ctx, year, years);
	await auditCommand(ctx, 'kitaYear.write', 'allocationClosure', kitaYearId);
	return result;
}
