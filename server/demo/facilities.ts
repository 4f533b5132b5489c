// Invented Kitas of the demo data set: six per municipality, marked isDemo. The output is
// deterministic (seeded PRNG per facility, UUIDs derived from a stable key), so every seed of an
// empty database produces the same catalogue.
import type { AdmissionCriterion } from '../../src/lib/domain/allocation/catalogue';
import type { Facility, Feature, ProviderType, WeeklyHours } from '../../src/lib/domain/facility';
import { FEATURES } from '../../src/lib/domain/facility';
import type { FacilityId, MunicipalityId } from '../../src/lib/domain/ids';
import { DEMO_MUNICIPALITIES } from './municipalities';

export const DEMO_DESCRIPTION_PREFIX = 'Demo-Datensatz (erfundene Einrichtung). ';
export const DEMO_MAIL_DOMAIN = 'demo.kita-portal.invalid';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** FNV-1a, 32 bit. */
export function hashString(value: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < value.length; i++) {
		h ^= value.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A PRNG seeded from a string key. */
export function demoRandom(key: string): () => number {
	return mulberry32(hashString(`kita-portal-demo:${key}`));
}

/** A UUID-v4-shaped id derived from a key: `xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx`, lowercase hex. */
export function demoUuid(key: string): string {
	const next = demoRandom(`uuid:${key}`);
	let hex = '';
	for (let i = 0; i < 4; i++)
		hex += Math.floor(next() * 4294967296)
			.toString(16)
			.padStart(8, '0');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
	const item = items[Math.floor(rnd() * items.length)];
	if (item === undefined) throw new Error('pick from an empty list');
	return item;
}

// ---------------------------------------------------------------------------------------------
// Places: the town or Ortsteil of each Kita, with an approximate centre and its area code

interface Place {
	town: string;
	lat: number;
	lon: number;
	areaCode: string;
}

function place(town: string, lat: number, lon: number, areaCode: string): Place {
	return { town, lat, lon, areaCode };
}

const PLACES: Record<string, Place[]> = {
	anroechte: [place('Anröchte', 51.5667, 8.3333, '02947')],
	'bad-sassendorf': [
		place('Bad Sassendorf', 51.5833, 8.1667, '02921'),
		place('Bad Sassendorf-Lohne', 51.5868, 8.2065, '02921')
	],
	ense: [
		place('Ense-Bremen', 51.4936, 7.9656, '02938'),
		place('Ense-Niederense', 51.485, 8.0, '02938'),
		place('Ense-Höingen', 51.514, 7.978, '02938'),
		place('Ense-Parsit', 51.502, 7.942, '02938')
	],
	erwitte: [
		place('Erwitte', 51.6125, 8.339, '02943'),
		place('Erwitte-Bad Westernkotten', 51.63, 8.366, '02943'),
		place('Erwitte-Horn', 51.583, 8.342, '02943')
	],
	geseke: [place('Geseke', 51.6403, 8.5111, '02942'), place('Geseke-Störmede', 51.634, 8.468, '02942')],
	lippetal: [
		place('Lippetal-Herzfeld', 51.665, 8.124, '02923'),
		place('Lippetal-Lippborg', 51.668, 8.038, '02527'),
		place('Lippetal-Hovestadt', 51.663, 8.168, '02923'),
		place('Lippetal-Oestinghausen', 51.645, 8.138, '02923')
	],
	moehnesee: [
		place('Möhnesee-Körbecke', 51.4956, 8.1281, '02924'),
		place('Möhnesee-Delecke', 51.499, 8.09, '02924'),
		place('Möhnesee-Völlinghausen', 51.4985, 8.168, '02924'),
		place('Möhnesee-Günne', 51.494, 8.042, '02924')
	],
	ruethen: [place('Rüthen', 51.4933, 8.4333, '02952'), place('Rüthen-Altenrüthen', 51.505, 8.465, '02952')],
	welver: [
		place('Welver', 51.6167, 7.9667, '02384'),
		place('Welver-Scheidingen', 51.608, 7.923, '02384'),
		place('Welver-Dinker', 51.637, 8.008, '02384'),
		place('Welver-Borgeln', 51.603, 8.025, '02384')
	],
	werl: [
		place('Werl', 51.5528, 7.9139, '02922'),
		place('Werl-Büderich', 51.55, 7.868, '02922'),
		place('Werl-Westönnen', 51.565, 7.966, '02922')
	],
	'wickede-ruhr': [
		place('Wickede (Ruhr)', 51.4964, 7.8658, '02377'),
		place('Wickede-Echthausen', 51.488, 7.895, '02377'),
		place('Wickede-Wimbern', 51.515, 7.85, '02377')
	]
};

// ---------------------------------------------------------------------------------------------
// The invented Kitas: name, provider, place and pedagogical profile are fixed; everything else is
// drawn from a PRNG seeded by the facility's key.

/** standard and familienzentrum: 0/1/2 years to school; krippe: U3 only; ue3: 3 years to school. */
type Profile = 'standard' | 'familienzentrum' | 'wald' | 'krippe' | 'ue3' | 'klein';

interface Seed {
	providerType: ProviderType;
	name: string;
	provider: string;
	/** Index into the municipality's PLACES. */
	place: number;
	profile: Profile;
	features: Feature[];
	/** A sentence about the Kita's concept, replacing the generic one. */
	about?: string;
}

function seed(
	providerType: ProviderType,
	name: string,
	provider: string,
	placeIndex: number,
	profile: Profile,
	features: Feature[] = [],
	about?: string
): Seed {
	return { providerType, name, provider, place: placeIndex, profile, features, about };
}

const ZWECKVERBAND = 'Kita-Zweckverband im Erzbistum Paderborn';
const AWO = 'AWO Unterbezirk Hellweg';
const DRK = 'DRK-Kreisverband Soest e.V.';
const EV_KIRCHENKREIS = 'Ev. Kirchenkreis Soest-Arnsberg';

const SEEDS: Record<string, Seed[]> = {
	anroechte: [
		seed(
			'katholisch',
			'Kath. Familienzentrum St. Pankratius',
			'Kath. Kirchengemeinde St. Pankratius Anröchte',
			0,
			'familienzentrum',
			['familienzentrum']
		),
		seed('katholisch', 'Kath. Kita St. Marien', ZWECKVERBAND, 0, 'standard'),
		seed('kommunal', 'Gemeindliche Kita Regenbogen', 'Gemeinde Anröchte', 0, 'standard', ['bewegungskita']),
		seed('drk', 'DRK-Kita Pusteblume', DRK, 0, 'standard'),
		seed('evangelisch', 'Ev. Kindergarten Arche Noah', EV_KIRCHENKREIS, 0, 'standard'),
		seed(
			'elterninitiative',
			'Elterninitiative Zwergenstübchen e.V.',
			'Zwergenstübchen Anröchte e.V.',
			0,
			'krippe',
			[],
			'Als Elterninitiative leben wir von der Mitarbeit der Eltern, die sich bei Festen, Gartentagen und im Vorstand einbringen.'
		)
	],
	'bad-sassendorf': [
		seed('katholisch', 'Kath. Kita St. Elisabeth', ZWECKVERBAND, 0, 'standard'),
		seed('evangelisch', 'Ev. Kita Senfkorn', 'Ev. Kirchengemeinde Bad Sassendorf', 0, 'standard'),
		seed('kommunal', 'Gemeindliche Kita Sälzerland', 'Gemeinde Bad Sassendorf', 1, 'standard'),
		seed('awo', 'AWO Kita Sonnenschein', AWO, 0, 'standard', ['sprachkita']),
		seed('sonstige', 'Waldkindergarten Sälzerwichtel', 'Waldkindergarten Bad Sassendorf e.V.', 0, 'wald', [
			'waldkita'
		]),
		seed('drk', 'DRK-Familienzentrum Kinderland', DRK, 0, 'familienzentrum', ['familienzentrum'])
	],
	ense: [
		seed(
			'katholisch',
			'Kath. Kita St. Lambertus',
			'Kath. Kirchengemeinde St. Lambertus Ense-Bremen',
			0,
			'standard',
			['sprachkita']
		),
		seed('katholisch', 'Kath. Kita St. Bernhard', ZWECKVERBAND, 1, 'standard'),
		seed('kommunal', 'Gemeindliche Kita Möhnezwerge', 'Gemeinde Ense', 2, 'standard'),
		seed('awo', 'AWO Kita Wirbelwind', AWO, 0, 'standard', ['bewegungskita']),
		seed('elterninitiative', 'Elterninitiative Wurzelkinder e.V.', 'Wurzelkinder Ense e.V.', 3, 'klein', [
			'naturkita'
		]),
		seed('paritaetisch', 'Kinderhaus Montessori Ense', 'Montessori-Förderverein Ense e.V.', 0, 'standard', [
			'montessori'
		])
	],
	erwitte: [
		seed(
			'katholisch',
			'Kath. Familienzentrum St. Laurentius',
			'Kath. Kirchengemeinde St. Laurentius Erwitte',
			0,
			'familienzentrum',
			['familienzentrum']
		),
		seed('katholisch', 'Kath. Kita St. Johannes', ZWECKVERBAND, 1, 'standard'),
		seed('kommunal', 'Städtische Kita Kunterbunt', 'Stadt Erwitte', 0, 'standard', ['sprachkita']),
		seed('drk', 'DRK-Kita Spatzennest', DRK, 2, 'standard'),
		seed('evangelisch', 'Ev. Kita Regenbogenland', 'Ev. Kirchengemeinde Erwitte', 0, 'standard'),
		seed('paritaetisch', 'Lebenshilfe-Kita Hand in Hand', 'Lebenshilfe Hellweg e.V.', 0, 'standard', [
			'inklusiv'
		])
	],
	geseke: [
		seed(
			'katholisch',
			'Kath. Familienzentrum St. Cyriakus',
			'Kath. Kirchengemeinde St. Cyriakus Geseke',
			0,
			'familienzentrum',
			['familienzentrum']
		),
		seed('katholisch', 'Kath. Kindergarten St. Petri', ZWECKVERBAND, 0, 'ue3'),
		seed('kommunal', 'Städtische Kita Löwenzahn', 'Stadt Geseke', 0, 'standard', ['mint']),
		seed('awo', 'AWO Kita Sternschnuppe', AWO, 0, 'standard'),
		seed('drk', 'DRK-Kita Rasselbande', DRK, 1, 'standard'),
		seed('evangelisch', 'Ev. Kita Lichtblick', 'Ev. Kirchengemeinde Geseke', 0, 'standard', ['inklusiv'])
	],
	lippetal: [
		seed('katholisch', 'Kath. Kita St. Ida', 'Kath. Kirchengemeinde St. Ida Herzfeld', 0, 'standard'),
		seed(
			'katholisch',
			'Kath. Familienzentrum St. Cornelius und Cyprianus',
			'Kath. Kirchengemeinde St. Cornelius und Cyprianus Lippborg',
			1,
			'familienzentrum',
			['familienzentrum']
		),
		seed('kommunal', 'Gemeindliche Kita Lippewiesen', 'Gemeinde Lippetal', 3, 'standard', ['naturkita']),
		seed('awo', 'AWO Kita Kleine Strolche', AWO, 2, 'standard'),
		seed(
			'elterninitiative',
			'Elterninitiative Spielkreis Wühlmäuse e.V.',
			'Spielkreis Wühlmäuse Lippetal e.V.',
			0,
			'krippe'
		),
		seed(
			'sonstige',
			'Bauernhofkindergarten Kleine Trecker',
			'Lernort Bauernhof Lippetal gGmbH',
			1,
			'ue3',
			['naturkita'],
			'Die Kinder versorgen gemeinsam mit uns die Tiere des Hofes und erleben den Wechsel der Jahreszeiten auf Feld und Wiese.'
		)
	],
	moehnesee: [
		seed('katholisch', 'Kath. Kita Maria Frieden', ZWECKVERBAND, 0, 'standard'),
		seed('evangelisch', 'Ev. Kita Seesterne', 'Ev. Kirchengemeinde Möhnesee', 1, 'standard'),
		seed('kommunal', 'Gemeindliche Kita Seepferdchen', 'Gemeinde Möhnesee', 0, 'standard', ['bewegungskita']),
		seed('drk', 'DRK-Kita Kleine Entdecker', DRK, 3, 'standard', ['mint']),
		seed('sonstige', 'Waldkindergarten Möhnewichtel', 'Naturerlebnis Möhnesee e.V.', 2, 'wald', ['waldkita']),
		seed('paritaetisch', 'Bilinguale Kita Little Explorers', 'Little Explorers Hellweg e.V.', 0, 'standard', [
			'bilingual'
		])
	],
	ruethen: [
		seed(
			'katholisch',
			'Kath. Familienzentrum St. Nikolaus',
			'Kath. Kirchengemeinde St. Nikolaus Rüthen',
			0,
			'familienzentrum',
			['familienzentrum']
		),
		seed('katholisch', 'Kath. Kita St. Michael', ZWECKVERBAND, 1, 'standard'),
		seed('kommunal', 'Städtische Kita Bergstadtzwerge', 'Stadt Rüthen', 0, 'standard'),
		seed('awo', 'AWO Kita Rappelkiste', AWO, 0, 'standard', ['sprachkita']),
		seed('evangelisch', 'Ev. Kita Kleine Hände', 'Ev. Kirchengemeinde Rüthen', 0, 'standard'),
		seed(
			'sonstige',
			'Waldkindergarten Biberbande',
			'Waldpädagogik Arnsberger Wald e.V.',
			0,
			'wald',
			['waldkita'],
			'Im nahen Arnsberger Wald erkunden die Kinder Bachläufe, bauen Hütten und beobachten Tiere und Pflanzen.'
		)
	],
	welver: [
		seed('katholisch', 'Kath. Kita St. Christophorus', ZWECKVERBAND, 1, 'standard'),
		seed(
			'evangelisch',
			'Ev. Familienzentrum Kirchenmäuse',
			'Ev. Kirchengemeinde Welver',
			0,
			'familienzentrum',
			['familienzentrum']
		),
		seed('kommunal', 'Gemeindliche Kita Schatzinsel', 'Gemeinde Welver', 0, 'standard'),
		seed('awo', 'AWO Kita Villa Kunterbunt', AWO, 2, 'standard'),
		seed('drk', 'DRK-Kita Schneckenhaus', DRK, 3, 'standard'),
		seed('elterninitiative', 'Elterninitiative Kükennest e.V.', 'Kükennest Welver e.V.', 0, 'klein')
	],
	werl: [
		seed(
			'katholisch',
			'Kath. Familienzentrum St. Walburga',
			'Kath. Kirchengemeinde St. Walburga Werl',
			0,
			'familienzentrum',
			['familienzentrum']
		),
		seed('katholisch', 'Kath. Kita St. Norbert', ZWECKVERBAND, 0, 'standard'),
		seed('evangelisch', 'Ev. Kita Schatzkiste', 'Ev. Kirchengemeinde Werl', 0, 'standard'),
		seed('kommunal', 'Städtische Kita Regenbogen', 'Stadt Werl', 1, 'standard'),
		seed('awo', 'AWO Familienzentrum Sausewind', AWO, 0, 'familienzentrum', ['familienzentrum']),
		seed(
			'paritaetisch',
			'Kita Kleine Weltentdecker',
			'Deutscher Kinderschutzbund Ortsverband Werl e.V.',
			2,
			'standard',
			['sprachkita']
		)
	],
	'wickede-ruhr': [
		seed(
			'katholisch',
			'Kath. Kita St. Antonius',
			'Kath. Kirchengemeinde St. Antonius Wickede',
			0,
			'standard'
		),
		seed('evangelisch', 'Ev. Kita Sonnenblume', 'Ev. Kirchengemeinde Wickede (Ruhr)', 0, 'standard'),
		seed('kommunal', 'Gemeindliche Kita Ruhrpiraten', 'Gemeinde Wickede (Ruhr)', 1, 'standard'),
		seed('awo', 'AWO Kita Purzelbaum', AWO, 0, 'standard'),
		seed('drk', 'DRK-Kita Zauberwald', DRK, 2, 'standard'),
		seed('paritaetisch', 'Integrative Kita Sonnenkinder', 'Sonnenkinder Wickede e.V.', 0, 'standard', [
			'inklusiv'
		])
	]
};

// ---------------------------------------------------------------------------------------------
// Streets

const GENERIC_STREETS = [
	'Schulstraße',
	'Lindenstraße',
	'Gartenstraße',
	'Mühlenweg',
	'Am Sportplatz',
	'Wiesenweg',
	'Birkenweg',
	'Eichendorffstraße',
	'Kastanienallee',
	'Drosselweg',
	'Amselweg',
	'Rosenstraße',
	'Ringstraße',
	'Feldstraße',
	'Brunnenstraße',
	'Schillerstraße',
	'Goethestraße',
	'Buchenweg',
	'Ahornweg',
	'Am Kindergarten',
	'Sonnenweg',
	'Talstraße',
	'Bergstraße',
	'Heideweg',
	'Im Wiesengrund',
	'Am Mühlenteich',
	'Breslauer Straße',
	'Schlesienstraße',
	'Tulpenweg',
	'Nelkenweg',
	'Marktstraße',
	'Am Rathaus'
] as const;

const STREETS_BY_TYPE: Record<ProviderType, readonly string[]> = {
	katholisch: ['Kirchplatz', 'Kirchstraße', 'Kolpingstraße', 'Von-Galen-Straße', 'Pfarrer-Wiemann-Weg'],
	evangelisch: ['Bodelschwinghstraße', 'Lutherstraße', 'Paul-Gerhardt-Straße', 'Melanchthonweg'],
	awo: ['Friedrich-Ebert-Straße', 'Willy-Brandt-Ring', 'Am Bürgerpark'],
	drk: ['Henri-Dunant-Straße', 'Am Rettungsweg', 'Hospitalstraße'],
	kommunal: ['Am Rathaus', 'Schulstraße', 'Am Schulzentrum', 'Hauptstraße'],
	paritaetisch: ['Am Stadtgarten', 'Sonnenweg', 'Lerchenweg'],
	elterninitiative: ['Kleiner Weg', 'Am Hohlweg', 'Gänseweide'],
	sonstige: ['Am Waldrand', 'Forstweg', 'Zum Hochwald', 'Hofweg']
};

const LOCAL_STREETS: Record<string, readonly string[]> = {
	anroechte: ['Am Steinbruch', 'Grünsandsteinweg', 'Erwitter Straße'],
	'bad-sassendorf': ['Salinenweg', 'Kurpark-Allee', 'Sälzerstraße'],
	ense: ['Möhnestraße', 'Zum Haarstrang', 'Bittinger Weg'],
	erwitte: ['Schlossallee', 'Am Kurpark', 'Soester Weg'],
	geseke: ['Bachstraße', 'Am Steinweg', 'Lüdischer Weg'],
	lippetal: ['Lippestraße', 'Auenweg', 'Am Mühlenbach'],
	moehnesee: ['Seestraße', 'Uferweg', 'Am Möhnebogen'],
	ruethen: ['Hachtorstraße', 'Am Stadtwall', 'Biberweg'],
	welver: ['Ahseweg', 'Am Bahnhof', 'Dinkerweg'],
	werl: ['Salzbrunnenweg', 'Am Solebrunnen', 'Hellweg'],
	'wickede-ruhr': ['Ruhrstraße', 'Am Ruhrufer', 'Wiehagener Weg']
};

function chooseStreet(
	rnd: () => number,
	providerType: ProviderType,
	municipalityId: string,
	used: Set<string>
): string {
	const pools = [STREETS_BY_TYPE[providerType], LOCAL_STREETS[municipalityId] ?? [], GENERIC_STREETS];
	const r = rnd();
	const first = r < 0.45 ? 0 : r < 0.7 ? 1 : 2;
	for (const pool of [pools[first] ?? GENERIC_STREETS, ...pools]) {
		const free = pool.filter((s) => !used.has(s));
		if (free.length > 0) {
			const street = pick(rnd, free);
			used.add(street);
			return street;
		}
	}
	throw new Error(`no street left in ${municipalityId}`);
}

function houseNumber(rnd: () => number): string {
	const n = 1 + Math.floor(rnd() * 48);
	return rnd() < 0.15 ? `${n}${pick(rnd, ['a', 'b'])}` : String(n);
}

// ---------------------------------------------------------------------------------------------
// Text helpers

const GROUP_WORDS = ['eingruppige', 'zweigruppige', 'dreigruppige', 'viergruppige', 'fünfgruppige'];

const AGE_FROM: Record<number, string> = {
	4: 'ab vier Monaten',
	6: 'ab sechs Monaten',
	8: 'ab acht Monaten',
	12: 'ab einem Jahr',
	18: 'ab anderthalb Jahren',
	24: 'ab zwei Jahren',
	30: 'ab zweieinhalb Jahren',
	36: 'ab drei Jahren'
};

const TYPE_SENTENCES: Record<ProviderType, string> = {
	katholisch:
		'Religiöse Feste im Kirchenjahr und die enge Verbindung zur Pfarrgemeinde prägen unseren Alltag.',
	evangelisch:
		'Wir leben christliche Werte im Alltag und feiern die Feste des Kirchenjahres gemeinsam mit der Gemeinde.',
	awo: 'Unsere Arbeit orientiert sich an den Werten der Arbeiterwohlfahrt: Solidarität, Toleranz, Freiheit, Gleichheit und Gerechtigkeit.',
	drk: 'Gesundheitsförderung, gesunde Ernährung und Erste Hilfe für Kinder gehören bei uns zum Alltag.',
	kommunal:
		'Schwerpunkte unserer Arbeit sind Beteiligung der Kinder, alltagsintegrierte Sprachbildung und das freie Spiel im großen Außengelände.',
	paritaetisch:
		'Wir arbeiten nach einem offenen Konzept mit Funktionsräumen und viel Raum für die eigenen Ideen der Kinder.',
	elterninitiative:
		'Als Elterninitiative leben wir von der aktiven Mitarbeit der Eltern bei Festen, Garten- und Renovierungstagen.',
	sonstige:
		'Die Einrichtung arbeitet nach einem eigenen pädagogischen Konzept, das wir gern beim Kennenlernen vorstellen.'
};

const FEATURE_SENTENCES: Partial<Record<Feature, string>> = {
	familienzentrum:
		'Als zertifiziertes Familienzentrum NRW bieten wir Elternberatung, Kurse und eine offene Sprechstunde an.',
	inklusiv:
		'Kinder mit und ohne Behinderung spielen und lernen bei uns gemeinsam; Therapien finden im Haus statt.',
	bilingual:
		'Im Alltag sprechen die Fachkräfte Deutsch und Englisch, sodass die Kinder die zweite Sprache spielerisch lernen.',
	montessori:
		'Wir arbeiten nach der Pädagogik Maria Montessoris – getreu dem Leitsatz „Hilf mir, es selbst zu tun“.',
	naturkita:
		'Viel Zeit im Freien, ein eigener Gemüsegarten und Ausflüge in die Natur gehören fest zum Wochenplan.',
	bewegungskita:
		'Als Bewegungskita haben wir einen eigenen Bewegungsraum und gehen regelmäßig in die Turnhalle.',
	mint: 'In unserer Forscherwerkstatt gehen die Kinder naturwissenschaftlichen Fragen auf den Grund.',
	sprachkita: 'Alltagsintegrierte sprachliche Bildung ist ein Schwerpunkt unserer Arbeit.',
	waldkita:
		'Naturmaterialien statt Spielzeug, feste Rituale und viel Bewegung an der frischen Luft prägen den Tag.'
};

const LOCATIONS: ((town: string) => string)[] = [
	(t) => `im Ortskern von ${t}`,
	(t) => `in einem ruhigen Wohngebiet in ${t}`,
	(t) => `nahe der Grundschule in ${t}`,
	(t) => `am Ortsrand von ${t}`,
	(t) => `in einem Neubau mit großem Außengelände in ${t}`
];

const CHURCH_LOCATION = (t: string): string => `direkt neben der Kirche in ${t}`;

/** ASCII slug for mail addresses and URLs. */
export function slugify(value: string): string {
	return value
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.replace(/\be\.v\./g, '')
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Groups: the size of a Kita, shared with the capacities module

/** Number of groups of a demo Kita (1–5), derived deterministically from its data. */
export function demoGroupCount(
	f: Pick<Facility, 'id' | 'providerType' | 'features' | 'minAgeMonths' | 'maxAgeMonths'>
): number {
	const r = demoRandom(`groups:${f.id}`)();
	if (f.features.includes('waldkita')) return 1;
	if (f.maxAgeMonths < 36 || f.providerType === 'elterninitiative' || f.providerType === 'sonstige')
		return r < 0.5 ? 1 : 2;
	if (f.features.includes('familienzentrum')) return r < 0.45 ? 3 : r < 0.88 ? 4 : 5;
	return r < 0.2 ? 2 : r < 0.65 ? 3 : r < 0.94 ? 4 : 5;
}

// ---------------------------------------------------------------------------------------------
// Building one facility

function ages(rnd: () => number, profile: Profile): { min: number; max: number } {
	switch (profile) {
		case 'krippe':
			return { min: pick(rnd, [4, 4, 6, 8]), max: 35 };
		case 'wald':
		case 'ue3':
			return { min: 36, max: 72 };
		case 'klein':
			return { min: pick(rnd, [12, 18, 24]), max: 72 };
		case 'familienzentrum':
			return { min: pick(rnd, [4, 6, 12]), max: 72 };
		case 'standard':
			return { min: pick(rnd, [4, 12, 12, 24, 24, 24, 30]), max: rnd() < 0.12 ? 78 : 72 };
	}
}

function weeklyHoursFor(rnd: () => number, profile: Profile): WeeklyHours[] {
	const r = rnd();
	switch (profile) {
		case 'wald':
			return [25, 35];
		case 'krippe':
			return r < 0.6 ? [35, 45] : [25, 35, 45];
		case 'klein':
			return r < 0.35 ? [25, 35] : r < 0.7 ? [35, 45] : [25, 35, 45];
		default:
			return r < 0.5 ? [25, 35, 45] : r < 0.88 ? [35, 45] : [25, 35];
	}
}

function featuresFor(rnd: () => number, s: Seed, minAgeMonths: number): Feature[] {
	const set = new Set<Feature>(s.features);
	if (minAgeMonths < 36) set.add('u3');
	if (s.profile !== 'wald' && s.profile !== 'krippe') {
		const extras: [Feature, number][] = [
			['sprachkita', 0.25],
			['inklusiv', 0.15],
			['bewegungskita', 0.12],
			['mint', 0.1]
		];
		for (const [feature, p] of extras) if (rnd() < p && set.size < 4) set.add(feature);
	}
	return FEATURES.filter((f) => set.has(f));
}

function openingHoursFor(rnd: () => number, profile: Profile, hours: WeeklyHours[]): string {
	if (profile === 'wald') return pick(rnd, ['Mo–Fr 7:30–14:30', 'Mo–Fr 7:45–14:45']);
	if (hours.includes(45))
		return pick(rnd, [
			'Mo–Fr 7:00–16:30',
			'Mo–Do 7:00–16:30, Fr 7:00–14:00',
			'Mo–Fr 7:15–16:15',
			'Mo–Do 7:00–17:00, Fr 7:00–15:00',
			'Mo–Do 7:30–16:30, Fr 7:30–14:30'
		]);
	return pick(rnd, ['Mo–Fr 7:30–14:30', 'Mo–Fr 7:00–14:00', 'Mo–Fr 7:15–14:15']);
}

function phoneFor(rnd: () => number, areaCode: string): string {
	const length = rnd() < 0.5 ? 4 : 5;
	let digits = String(2 + Math.floor(rnd() * 8));
	while (digits.length < length) digits += String(Math.floor(rnd() * 10));
	return `${areaCode} ${digits}`;
}

function coordinatesNear(rnd: () => number, at: Place, radiusKm: number): { lat: number; lon: number } {
	const angle = rnd() * 2 * Math.PI;
	const distance = radiusKm * Math.sqrt(rnd());
	const dLat = (distance * Math.cos(angle)) / 111.2;
	const dLon = (distance * Math.sin(angle)) / (111.2 * Math.cos((at.lat * Math.PI) / 180));
	return { lat: Number((at.lat + dLat).toFixed(5)), lon: Number((at.lon + dLon).toFixed(5)) };
}

function descriptionFor(
	rnd: () => number,
	s: Seed,
	town: string,
	groups: number,
	minAgeMonths: number,
	features: Feature[]
): string {
	const from = AGE_FROM[minAgeMonths] ?? `ab ${minAgeMonths} Monaten`;
	let first: string;
	if (s.profile === 'wald')
		first = `Die Kinder der eingruppigen Einrichtung verbringen den Tag bei jedem Wetter im Wald bei ${town}; ein Bauwagen dient als Schutzraum.`;
	else if (s.profile === 'krippe')
		first = `Die kleine Einrichtung in ${town} betreut ausschließlich Kinder ${from} bis drei Jahren in familiärer Atmosphäre.`;
	else {
		const churchy = s.providerType === 'katholisch' || s.providerType === 'evangelisch';
		const location = pick(rnd, churchy ? [...LOCATIONS, CHURCH_LOCATION] : LOCATIONS)(town);
		const groupWord = GROUP_WORDS[groups - 1] ?? 'mehrgruppige';
		first = `Die ${groupWord} Einrichtung liegt ${location} und betreut Kinder ${from} bis zur Einschulung.`;
	}
	const featureSentence = s.features
		.filter((f) => features.includes(f))
		.map((f) => FEATURE_SENTENCES[f])
		.find((sentence) => sentence !== undefined);
	const second = s.about ?? featureSentence ?? TYPE_SENTENCES[s.providerType];
	return `${DEMO_DESCRIPTION_PREFIX}${first} ${second}`;
}

function buildFacility(
	municipalityId: MunicipalityId,
	postcode: string,
	index: number,
	s: Seed,
	used: Set<string>
): Facility {
	const key = `facility:${municipalityId}:${index}`;
	const rnd = demoRandom(key);
	const places = PLACES[municipalityId];
	const at = places?.[s.place];
	if (!at) throw new Error(`no place ${s.place} in ${municipalityId}`);
	const id = demoUuid(key) as FacilityId;
	const { min, max } = ages(rnd, s.profile);
	const weeklyHours = weeklyHoursFor(rnd, s.profile);
	const features = featuresFor(rnd, s, min);
	const groups = demoGroupCount({
		id,
		providerType: s.providerType,
		features,
		minAgeMonths: min,
		maxAgeMonths: max
	});
	const { lat, lon } = coordinatesNear(rnd, at, s.place === 0 ? 1.5 : 0.7);
	const street = `${chooseStreet(rnd, s.providerType, municipalityId, used)} ${houseNumber(rnd)}`;
	const slug = slugify(s.name);
	const special = s.profile === 'wald' || s.profile === 'krippe' || s.profile === 'klein';
	return {
		id,
		name: s.name,
		municipalityId,
		provider: s.provider,
		providerType: s.providerType,
		street,
		postcode,
		town: at.town,
		lat,
		lon,
		minAgeMonths: min,
		maxAgeMonths: max,
		weeklyHours,
		features,
		phone: phoneFor(rnd, at.areaCode),
		email: `${slug}@${DEMO_MAIL_DOMAIN}`,
		website: rnd() < 0.55 ? `https://${DEMO_MAIL_DOMAIN}/${municipalityId}/${slug}` : null,
		openingHours: openingHoursFor(rnd, s.profile, weeklyHours),
		description: descriptionFor(rnd, s, at.town, groups, min, features),
		meetingRequired: rnd() < (special ? 0.75 : 0.3),
		isDemo: true,
		active: true,
		// Its own stream: the other demo values stay as they were before Kitas published criteria.
		admissionCriteria: [...pick(demoRandom(`${key}:criteria`), DEMO_CRITERIA)]
	};
}

/** Orders of admission criteria as Kitas in NRW publish them; one Kita in six has published none. */
const DEMO_CRITERIA: readonly (readonly AdmissionCriterion[])[] = [
	['hardship', 'siblingAtKita', 'legalClaimByAge', 'livesInMunicipality', 'registrationDate'],
	['siblingAtKita', 'legalClaimByAge', 'livesInMunicipality', 'registrationDate'],
	['legalClaimByAge', 'siblingAtKita', 'guardiansEmployedOrTraining', 'registrationDate'],
	['siblingAtKita', 'livesInMunicipality', 'guardiansEmployedOrTraining', 'registrationDate'],
	['hardship', 'legalClaimByAge', 'siblingAtKita', 'registrationDate'],
	[]
];

/** The 66 invented Kitas of the demo data set (six per municipality); the same on every call. */
export function demoFacilities(): Facility[] {
	const facilities: Facility[] = [];
	for (const m of DEMO_MUNICIPALITIES) {
		const seeds = SEEDS[m.id];
		const postcode = m.postcodes[0]?.postcode;
		if (!seeds || !postcode) throw new Error(`no demo Kitas for ${m.id}`);
		const used = new Set<string>();
		seeds.forEach((s, index) => facilities.push(buildFacility(m.id, postcode, index, s, used)));
	}
	return facilities;
}
