// schema.org `ChildCare` JSON-LD of a Kita page (issue 16, point 2), and how to put it into HTML.
// Apart from kita-seo.ts: the browser loads it after the page's first render.
import type { Facility } from './facility';

const DAYS = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
// "Mo–Do 7:00–16:30", "Fr 7–14 Uhr", "Mo-Fr 07.30-14.30": days (a range or one), then times.
const SEGMENT =
	/^(Mo|Di|Mi|Do|Fr|Sa|So)(?:\s*[-–]\s*(Mo|Di|Mi|Do|Fr|Sa|So))?\.?:?\s+(\d{1,2})(?:[:.](\d\d))?\s*[-–]\s*(\d{1,2})(?:[:.](\d\d))?(?:\s*Uhr)?$/;

export interface OpeningHoursSpecification {
	'@type': 'OpeningHoursSpecification';
	dayOfWeek: string[];
	opens: string;
	closes: string;
}

const time = (hours: string, minutes = '00') => `${hours.padStart(2, '0')}:${minutes}`;

/**
 * The Kita's free-text opening hours as schema.org specifications; null when any part is not in the
 * usual "Mo–Fr 7:00–16:30, …" form (a guess would tell parents a wrong time).
 */
export function openingHoursSpecification(text: string): OpeningHoursSpecification[] | null {
	const parts = text.split(/[,;]/).map((part) => part.trim());
	if (!text.trim()) return null;
	const specs: OpeningHoursSpecification[] = [];
	for (const part of parts) {
		const match = SEGMENT.exec(part);
		if (!match) return null;
		const [, first = '', last, openH = '', openM, closeH = '', closeM] = match;
		const from = DAYS.indexOf(first);
		const to = last ? DAYS.indexOf(last) : from;
		if (to < from || Number(openH) > 23 || Number(closeH) > 24) return null;
		specs.push({
			'@type': 'OpeningHoursSpecification',
			dayOfWeek: DAY_NAMES.slice(from, to + 1),
			opens: time(openH, openM),
			closes: time(closeH, closeM)
		});
	}
	return specs;
}

export interface ChildCareJsonLd {
	'@context': 'https://schema.org';
	'@type': 'ChildCare';
	name: string;
	mainEntityOfPage: string;
	description?: string;
	address: {
		'@type': 'PostalAddress';
		streetAddress: string;
		postalCode: string;
		addressLocality: string;
		addressCountry: 'DE';
	};
	geo: { '@type': 'GeoCoordinates'; latitude: number; longitude: number };
	openingHoursSpecification?: OpeningHoursSpecification[];
	telephone?: string;
	email?: string;
	url?: string;
}

/**
 * schema.org `ChildCare` for a Kita page (`pageUrl`: its canonical address, kitaPageUrl); optional
 * facts only where the Kita gave them.
 */
export function kitaJsonLd(f: Facility, pageUrl: string): ChildCareJsonLd {
	const hours = openingHoursSpecification(f.openingHours);
	return {
		'@context': 'https://schema.org',
		'@type': 'ChildCare',
		name: f.name,
		mainEntityOfPage: pageUrl,
		...(f.description.trim() && { description: f.description.trim() }),
		address: {
			'@type': 'PostalAddress',
			streetAddress: f.street,
			postalCode: f.postcode,
			addressLocality: f.town,
			addressCountry: 'DE'
		},
		geo: { '@type': 'GeoCoordinates', latitude: f.lat, longitude: f.lon },
		...(hours && { openingHoursSpecification: hours }),
		...(f.phone.trim() && { telephone: f.phone.trim() }),
		...(f.email.trim() && { email: f.email.trim() }),
		...(f.website?.trim() && { url: f.website.trim() })
	};
}

/**
 * The JSON-LD as a `<script>` element to put into the page's HTML. `<`, `>` and `&` are written as
 * JSON escapes, so no text of a Kita (a name with "</script>" or "<!--") can end the element early;
 * U+2028/U+2029 too, which older parsers took as line ends.
 */
export function jsonLdScript(data: object): string {
	const json = JSON.stringify(data).replace(
		/[<>&\u2028\u2029]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
	);
	return `<script type="application/ld+json">${json}</script>`;
}
