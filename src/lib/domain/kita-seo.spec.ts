import { describe, expect, it } from 'vitest';
import type { FacilityId } from './ids';
import { kitaMetaDescription, kitaPageUrl } from './kita-seo';

const kita = {
	id: '00000000-0000-4000-8000-000000000001' as FacilityId,
	name: 'Kita Sonnenschein',
	town: 'Werl'
};
const ORIGIN = 'https://kita.kreis-soest.example';

describe('kitaPageUrl', () => {
	it('is absolute, from the configured origin, with or without its trailing slash', () => {
		expect(kitaPageUrl(ORIGIN, kita.id)).toBe(`${ORIGIN}/kitas/${kita.id}`);
		expect(kitaPageUrl(`${ORIGIN}/`, kita.id)).toBe(`${ORIGIN}/kitas/${kita.id}`);
	});
});

describe('kitaMetaDescription', () => {
	const sentence = ({ name, town }: { name: string; town: string }) =>
		`${name} in ${town}: Adresse, Öffnungszeiten, Kontakt und freie Plätze.`;

	it('names the Kita and its town', () => {
		expect(kitaMetaDescription(kita, sentence)).toBe(
			'Kita Sonnenschein in Werl: Adresse, Öffnungszeiten, Kontakt und freie Plätze.'
		);
	});

	it('folds whitespace and keeps to a snippet’s length, cut at a word', () => {
		const long = kitaMetaDescription(
			{ name: `Kita  ${'Regenbogen '.repeat(20)}`, town: ' Soest ' },
			sentence
		);
		expect(long.length).toBeLessThanOrEqual(160);
		expect(long).toMatch(/^Kita Regenbogen Regenbogen .*Regenbogen…$/);
		expect(long).not.toMatch(/\s{2}/);
	});
});
