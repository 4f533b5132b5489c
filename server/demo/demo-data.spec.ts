import { describe, it, expect } from 'vitest';
import { AGE_BANDS, PROVIDER_TYPES, WEEKLY_HOURS } from '../../src/lib/domain/facility';
import { facilitySchema } from '../../src/lib/domain/facility-schema';
import type { KitaYearId } from '../../src/lib/domain/ids';
import { ageBandsOf, demoCapacities } from './capacities';
import { DEMO_DESCRIPTION_PREFIX, demoFacilities, demoUuid } from './facilities';
import { DEMO_MUNICIPALITIES } from './municipalities';

const YEARS = ['2026-27', '2027-28'] as KitaYearId[];
const BBOX = { latMin: 51.4, latMax: 51.75, lonMin: 7.8, lonMax: 8.6 };

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const rad = Math.PI / 180;
	const h =
		Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function inBox(p: { lat: number; lon: number }): boolean {
	return p.lat >= BBOX.latMin && p.lat <= BBOX.latMax && p.lon >= BBOX.lonMin && p.lon <= BBOX.lonMax;
}

describe('demo municipalities', () => {
	it('are the eleven municipalities of the Kreisjugendamt Soest', () => {
		expect(DEMO_MUNICIPALITIES).toHaveLength(11);
		expect(DEMO_MUNICIPALITIES.map((m) => m.name)).toEqual([
			'Anröchte',
			'Bad Sassendorf',
			'Ense',
			'Erwitte',
			'Geseke',
			'Lippetal',
			'Möhnesee',
			'Rüthen',
			'Welver',
			'Werl',
			'Wickede (Ruhr)'
		]);
		const ids = DEMO_MUNICIPALITIES.map((m) => m.id);
		expect(new Set(ids).size).toBe(11);
		for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
	});

	it('have five-digit postcodes with a centre inside the district', () => {
		const postcodes = DEMO_MUNICIPALITIES.flatMap((m) => m.postcodes.map((p) => p.postcode));
		expect(new Set(postcodes).size).toBe(postcodes.length);
		for (const m of DEMO_MUNICIPALITIES) {
			expect(m.postcodes.length).toBeGreaterThan(0);
			for (const p of m.postcodes) {
				expect(p.postcode).toMatch(/^\d{5}$/);
				expect(inBox(p), `${m.name} ${p.lat},${p.lon}`).toBe(true);
			}
		}
		expect(DEMO_MUNICIPALITIES.find((m) => m.id === 'werl')?.postcodes[0]?.postcode).toBe('59457');
	});
});

describe('demo facilities', () => {
	const facilities = demoFacilities();
	const byId = new Map(DEMO_MUNICIPALITIES.map((m) => [m.id as string, m]));

	it('has at least 60 Kitas, six per municipality', () => {
		expect(facilities.length).toBeGreaterThanOrEqual(60);
		for (const m of DEMO_MUNICIPALITIES)
			expect(facilities.filter((f) => f.municipalityId === m.id)).toHaveLength(6);
	});

	it('has unique ids, names and email addresses', () => {
		expect(new Set(facilities.map((f) => f.id)).size).toBe(facilities.length);
		expect(new Set(facilities.map((f) => f.name)).size).toBe(facilities.length);
		expect(new Set(facilities.map((f) => f.email)).size).toBe(facilities.length);
	});

	it('validates every facility with the shared schema', () => {
		for (const f of facilities) {
			const result = facilitySchema.safeParse(f);
			expect(result.success, `${f.name}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
		}
	});

	it('derives UUID-v4-shaped lowercase ids deterministically', () => {
		for (const f of facilities)
			expect(f.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(demoUuid('x')).toBe(demoUuid('x'));
		expect(demoUuid('x')).not.toBe(demoUuid('y'));
	});

	it('uses the postcode of its municipality and lies near it, inside the district', () => {
		for (const f of facilities) {
			const m = byId.get(f.municipalityId);
			expect(m, f.name).toBeDefined();
			const centre = m?.postcodes.find((p) => p.postcode === f.postcode);
			expect(centre, `${f.name} ${f.postcode}`).toBeDefined();
			expect(inBox(f), `${f.name} ${f.lat},${f.lon}`).toBe(true);
			if (centre) expect(km(centre, f), f.name).toBeLessThan(8);
		}
	});

	it('covers every provider type', () => {
		const types = new Set(facilities.map((f) => f.providerType));
		for (const t of PROVIDER_TYPES) expect(types.has(t), t).toBe(true);
	});

	it('is marked as demo data with invalid demo contact details', () => {
		for (const f of facilities) {
			expect(f.isDemo).toBe(true);
			expect(f.active).toBe(true);
			expect(f.description.startsWith(DEMO_DESCRIPTION_PREFIX)).toBe(true);
			expect(f.email).toMatch(/^[a-z0-9-]+@demo\.kita-portal\.invalid$/);
			if (f.website !== null) expect(f.website.startsWith('https://demo.kita-portal.invalid/')).toBe(true);
			expect(f.phone).toMatch(/^0\d{3,4} \d{4,5}$/);
		}
	});

	it('has consistent ages, hours and features', () => {
		for (const f of facilities) {
			expect(f.minAgeMonths).toBeGreaterThanOrEqual(4);
			expect(f.minAgeMonths).toBeLessThanOrEqual(36);
			expect(f.maxAgeMonths).toBeGreaterThan(f.minAgeMonths);
			expect(f.weeklyHours.length).toBeGreaterThan(0);
			expect([...f.weeklyHours].sort((a, b) => a - b)).toEqual(f.weeklyHours);
			expect(new Set(f.weeklyHours).size).toBe(f.weeklyHours.length);
			for (const h of f.weeklyHours) expect(WEEKLY_HOURS).toContain(h);
			expect(f.features.length).toBeLessThanOrEqual(4);
			expect(new Set(f.features).size).toBe(f.features.length);
			expect(f.features.includes('u3')).toBe(f.minAgeMonths < 36);
			expect(f.features.includes('waldkita')).toBe(f.name.startsWith('Waldkindergarten'));
			if (f.name.includes('Familienzentrum')) expect(f.features).toContain('familienzentrum');
		}
		expect(facilities.some((f) => f.maxAgeMonths < 36)).toBe(true);
		expect(facilities.some((f) => f.minAgeMonths >= 36)).toBe(true);
		const meetings = facilities.filter((f) => f.meetingRequired).length;
		expect(meetings).toBeGreaterThan(facilities.length / 6);
		expect(meetings).toBeLessThan(facilities.length / 2);
	});

	it('is the same on every call', () => {
		expect(demoFacilities()).toEqual(demoFacilities());
	});
});

describe('demo capacities', () => {
	const facilities = demoFacilities();
	const capacities = demoCapacities(facilities, YEARS);

	it('exist only for bands and hours the Kita offers', () => {
		const byId = new Map(facilities.map((f) => [f.id, f]));
		for (const c of capacities) {
			const f = byId.get(c.facilityId);
			expect(f).toBeDefined();
			if (!f) continue;
			expect(ageBandsOf(f)).toContain(c.ageBand);
			expect(AGE_BANDS).toContain(c.ageBand);
			expect(f.weeklyHours).toContain(c.weeklyHours);
			expect(YEARS).toContain(c.kitaYearId);
			expect(c.places).toBeGreaterThan(0);
			expect(c.contracted).toBe(0);
			expect(c.offered).toBe(0);
		}
	});

	it('has one row per facility, year, band and hours, complete for the first year', () => {
		const keys = capacities.map((c) => `${c.facilityId}|${c.kitaYearId}|${c.ageBand}|${c.weeklyHours}`);
		expect(new Set(keys).size).toBe(keys.length);
		for (const f of facilities)
			for (const band of ageBandsOf(f))
				for (const h of f.weeklyHours) expect(keys).toContain(`${f.id}|${YEARS[0]}|${band}|${h}`);
	});

	it('has realistic totals', () => {
		for (const f of facilities) {
			const total = capacities
				.filter((c) => c.facilityId === f.id && c.kitaYearId === YEARS[0])
				.reduce((sum, c) => sum + c.places, 0);
			expect(total, f.name).toBeGreaterThanOrEqual(10);
			expect(total, f.name).toBeLessThanOrEqual(125);
			if (ageBandsOf(f).length === 2) {
				const u3 = capacities
					.filter((c) => c.facilityId === f.id && c.kitaYearId === YEARS[0] && c.ageBand === 'u3')
					.reduce((sum, c) => sum + c.places, 0);
				expect(u3, f.name).toBeLessThan(total / 2);
			}
		}
	});

	it('leaves out the second year for a few facilities', () => {
		const withSecondYear = new Set(
			capacities.filter((c) => c.kitaYearId === YEARS[1]).map((c) => c.facilityId)
		);
		const missing = facilities.filter((f) => !withSecondYear.has(f.id));
		expect(missing.length).toBeGreaterThanOrEqual(3);
		expect(missing.length).toBeLessThanOrEqual(8);
	});

	it('is the same on every call and independent of the input order', () => {
		expect(demoCapacities(demoFacilities(), YEARS)).toEqual(capacities);
		const reversed = demoCapacities([...facilities].reverse(), YEARS);
		const sortKey = (c: {
			facilityId: string;
			kitaYearId: string;
			ageBand: string;
			weeklyHours: number;
		}): string => `${c.facilityId}|${c.kitaYearId}|${c.ageBand}|${c.weeklyHours}`;
		const sorted = (list: typeof capacities): typeof capacities =>
			[...list].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
		expect(sorted(reversed)).toEqual(sorted(capacities));
	});
});
