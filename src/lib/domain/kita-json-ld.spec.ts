import { describe, expect, it } from 'vitest';
import type { Facility } from './facility';
import { FACILITY } from './facility.fixture';
import { jsonLdScript, kitaJsonLd, openingHoursSpecification } from './kita-json-ld';

const kita: Facility = {
	...FACILITY,
	features: ['u3'],
	phone: '02922 12345',
	email: 'sonnenschein@example.org',
	website: 'https://sonnenschein.example.org',
	openingHours: 'Mo–Do 7:00–16:30, Fr 7:00–14:00',
	description: 'Vier Gruppen am Stadtpark.',
	isDemo: false
};
const PAGE = `https://kita.kreis-soest.example/kitas/${kita.id}`;

/** The JSON the script element carries, read back as a browser's JSON.parse would. */
function scriptJson(html: string): unknown {
	const match = /^<script type="application\/ld\+json">([\s\S]*)<\/script>$/.exec(html);
	if (!match) throw new Error(`not one script element: ${html}`);
	return JSON.parse(match[1] ?? '');
}

describe('openingHoursSpecification', () => {
	it.each<[string, { dayOfWeek: string[]; opens: string; closes: string }[]]>([
		[
			'Mo–Fr 7:00–16:30',
			[
				{
					dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
					opens: '07:00',
					closes: '16:30'
				}
			]
		],
		[
			'Mo–Do 7:30–16:30, Fr 7:30–14:30',
			[
				{ dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday'], opens: '07:30', closes: '16:30' },
				{ dayOfWeek: ['Friday'], opens: '07:30', closes: '14:30' }
			]
		],
		[
			'Mo-Fr 7-16 Uhr',
			[
				{
					dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
					opens: '07:00',
					closes: '16:00'
				}
			]
		],
		['Sa 08.15 – 12.00', [{ dayOfWeek: ['Saturday'], opens: '08:15', closes: '12:00' }]]
	])('reads %s', (text, expected) => {
		expect(openingHoursSpecification(text)).toEqual(
			expected.map((e) => ({ '@type': 'OpeningHoursSpecification', ...e }))
		);
	});

	it.each(['', 'nach Absprache', 'Mo–Fr 7:00–16:30, in den Ferien nach Absprache', 'Fr–Mo 7–16', 'Mo 7–25'])(
		'gives nothing for %j rather than a guess',
		(text) => {
			expect(openingHoursSpecification(text)).toBeNull();
		}
	);
});

describe('kitaJsonLd', () => {
	it('is a ChildCare with address, geo, opening hours and contact', () => {
		expect(kitaJsonLd(kita, PAGE)).toEqual({
			'@context': 'https://schema.org',
			'@type': 'ChildCare',
			name: 'Kita Sonnenschein',
			mainEntityOfPage: PAGE,
			description: 'Vier Gruppen am Stadtpark.',
			address: {
				'@type': 'PostalAddress',
				streetAddress: 'Hauptstraße 1',
				postalCode: '59457',
				addressLocality: 'Werl',
				addressCountry: 'DE'
			},
			geo: { '@type': 'GeoCoordinates', latitude: 51.55, longitude: 7.91 },
			openingHoursSpecification: [
				{
					'@type': 'OpeningHoursSpecification',
					dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday'],
					opens: '07:00',
					closes: '16:30'
				},
				{ '@type': 'OpeningHoursSpecification', dayOfWeek: ['Friday'], opens: '07:00', closes: '14:00' }
			],
			telephone: '02922 12345',
			email: 'sonnenschein@example.org',
			url: 'https://sonnenschein.example.org'
		});
	});

	it('leaves out what the Kita did not give (no empty strings, no null)', () => {
		const bare = kitaJsonLd(
			{ ...kita, phone: '', email: ' ', website: null, description: '', openingHours: 'nach Absprache' },
			PAGE
		);
		expect(Object.keys(bare).sort()).toEqual(
			['@context', '@type', 'address', 'geo', 'mainEntityOfPage', 'name'].sort()
		);
		expect(Object.values(bare)).not.toContain('');
	});
});

describe('jsonLdScript', () => {
	it('round-trips the data through one script element', () => {
		const data = kitaJsonLd(kita, PAGE);
		expect(scriptJson(jsonLdScript(data))).toEqual(data);
	});

	it('cannot be ended early by a Kita name with </script> or <!-- (escaped, read back unchanged)', () => {
		const name = 'Kita </script><script>alert(1)</script> <!-- & "Zwerge"\u2028';
		const html = jsonLdScript(kitaJsonLd({ ...kita, name }, PAGE));
		const inner = html.slice('<script type="application/ld+json">'.length, -'</script>'.length);
		expect(inner).not.toMatch(/[<>&\u2028]/);
		expect(html.match(/<\/script/gi)).toHaveLength(1);
		expect((scriptJson(html) as { name: string }).name).toBe(name);
	});
});
