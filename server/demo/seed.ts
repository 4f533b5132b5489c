// Loads the demo data set (invented Kitas, marked isDemo) into an empty catalogue.
import { defaultKitaYear } from '../../src/lib/domain/kita-year';
import type { Db } from '../db/database';
import { facilityRow, kitaYearRow } from '../services/catalogue';
import { nextSeq } from '../db/seq';
import { demoCapacities } from './capacities';
import { demoFacilities } from './facilities';
import { DEMO_MUNICIPALITIES } from './municipalities';
import { lockDemoSeeding } from './seed-lock';

export const DEMO_KITA_YEAR_STARTS = [2026, 2027];

export async function isCatalogueEmpty(db: Db): Promise<boolean> {
	const row = await db.selectFrom('municipalities').select('id').limit(1).executeTakeFirst();
	return row === undefined;
}

/** Seeds the catalogue when it is empty; returns whether it did. */
export async function seedDemoCatalogue(db: Db, now = new Date()): Promise<boolean> {
	return db.transaction().execute(async (tx) => {
		await lockDemoSeeding(tx);
		const existing = await tx.selectFrom('municipalities').select('id').limit(1).executeTakeFirst();
		if (existing) return false;
		const seq = await nextSeq(tx);
		const at = now.toISOString();
		await tx
			.insertInto('municipalities')
			.values(
				DEMO_MUNICIPALITIES.map((m) => ({
					id: m.id,
					name: m.name,
					postcodes: JSON.stringify(m.postcodes),
					seq
				}))
			)
			.execute();
		const years = DEMO_KITA_YEAR_STARTS.map(defaultKitaYear);
		await tx
			.insertInto('kita_years')
			.values(years.map((y) => kitaYearRow(y, seq)))
			.execute();
		const facilities = demoFacilities();
		for (const f of facilities)
			await tx
				.insertInto('facilities')
				.values(facilityRow(f, seq, at))
				.execute();
		const capacities = demoCapacities(
			facilities,
			years.map((y) => y.id)
		);
		for (const c of capacities)
			await tx
				.insertInto('capacities')
				.values({
					facility_id: c.facilityId,
					kita_year_id: c.kitaYearId,
					age_band: c.ageBand,
					weekly_hours: c.weeklyHours,
					places: c.places,
					contracted: c.contracted,
					offered: c.offered,
					seq
				})
				.execute();
		return true;
	});
}
