// The report's tables, each column defined once: its header, the value the CSV gets, what the table
// shows (the value, formatted, when not said otherwise) and its figure in the sum row. The page's
// tables and the CSV downloads are both made from these definitions.
import {
	LAPSING_DAYS,
	toCsv,
	type DemandRow,
	type LegalClaimChild,
	type OfferRow,
	type Stats,
	type YearReport
} from '$lib/domain/reports';
import type { OfferFlowRow } from '$lib/domain/offer-flow';
import { formatDay, formatNumber } from '$lib/format';
import { m } from '$lib/i18n/messages';

type Cell = string | number;

export interface ReportColumn<Row, Totals> {
	header: () => string;
	/** The cell in the CSV file. */
	value: (row: Row) => Cell;
	/** The cell in the table; without it a number is formatted and a text shown as it is. */
	show?: (row: Row) => string;
	/** A figure: aligned to the end. */
	num?: boolean;
	/** The column's figure in the sum row (null: none, shown as '–'). */
	total?: (totals: Totals) => number | null;
	/** Marks a shortfall (bold, with ▼). */
	short?: (row: Row) => boolean;
}

export interface ReportTable<Row, Totals = never> {
	/** The heading's id (and the section's name). */
	id: string;
	title: () => string;
	/** The CSV file's name, before the year and municipality. */
	file: () => string;
	/** The first column is the row's header. */
	columns: readonly ReportColumn<Row, Totals>[];
	rows: (report: YearReport) => readonly Row[];
	key: (row: Row) => string;
	/** The sum row's figures; undefined: no sum row for this report. */
	totals?: (report: YearReport) => Totals | undefined;
	/** A wide table scrolls sideways in its own box on a narrow screen. */
	wide?: boolean;
}

/** A figure as the page shows it ('–' for none): the durations' CSV gets it so, too. */
export const shown = (v: number | null, digits = 0): string => (v === null ? '–' : formatNumber(v, digits));
const band = (b: string) => (b === 'u3' ? m.office_u3() : m.office_ue3());

export const cellText = <Row, Totals>(column: ReportColumn<Row, Totals>, row: Row): string => {
	if (column.show) return column.show(row);
	const value = column.value(row);
	return typeof value === 'number' ? shown(value) : value;
};

/** How many leading columns the sum row's label spans: those without a figure of their own. */
export const totalSpan = <Row, Totals>(table: ReportTable<Row, Totals>): number => {
	const first = table.columns.findIndex((c) => c.total);
	return first < 0 ? table.columns.length : Math.max(1, first);
};

type DemandTotals = YearReport['demand']['totals'];
type OfferTotals = YearReport['offers']['totals'];

export const demandTable: ReportTable<DemandRow, DemandTotals> = {
	id: 'demand',
	title: m.report_demand_title,
	file: m.report_file_demand,
	wide: true,
	columns: [
		{ header: m.office_kita_municipality, value: (d) => d.municipalityName },
		{ header: m.office_age_band, value: (d) => band(d.ageBand) },
		{
			header: m.office_hours,
			value: (d) => d.weeklyHours,
			show: (d) => m.hours_per_week({ hours: d.weeklyHours })
		},
		{ header: m.office_places, value: (d) => d.places, num: true, total: (t) => t.places },
		{ header: m.office_contracted, value: (d) => d.contracted, num: true, total: (t) => t.contracted },
		{ header: m.office_offered, value: (d) => d.offered, num: true, total: (t) => t.offered },
		{ header: m.report_free, value: (d) => d.free, num: true, total: (t) => t.free },
		{ header: m.report_waiting, value: (d) => d.waiting, num: true, total: (t) => t.waiting },
		{
			header: m.report_balance,
			value: (d) => d.balance,
			num: true,
			total: (t) => t.balance,
			short: (d) => d.balance < 0
		}
	],
	rows: (r) => r.demand.rows,
	key: (d) => `${d.municipalityId}|${d.ageBand}|${d.weeklyHours}`,
	totals: (r) => r.demand.totals
};

export const claimTable: ReportTable<LegalClaimChild> = {
	id: 'claim',
	title: m.report_claim_title,
	file: m.report_file_claim,
	wide: true,
	columns: [
		{ header: m.report_registration_numbers, value: (c) => c.registrationNumbers.join(', ') },
		{ header: m.report_age_months, value: (c) => c.ageMonths, num: true },
		{ header: m.report_desired_start, value: (c) => c.desiredStart, show: (c) => formatDay(c.desiredStart) },
		{ header: m.report_municipalities, value: (c) => c.municipalityNames.join(', ') },
		{ header: m.report_kitas, value: (c) => c.kitas, num: true }
	],
	rows: (r) => r.legalClaim,
	key: (c) => c.childId
};

type Distribution = YearReport['kitasPerChild']['distribution'][number];

export const kitasTable: ReportTable<Distribution> = {
	id: 'kitas',
	title: m.report_kitas_title,
	file: m.report_file_kitas,
	columns: [
		{ header: m.report_kitas, value: (d) => d.kitas },
		{ header: m.report_children, value: (d) => d.children, num: true }
	],
	rows: (r) => r.kitasPerChild.distribution,
	key: (d) => String(d.kitas)
};

export const offersTable: ReportTable<OfferRow, OfferTotals> = {
	id: 'offers',
	title: m.report_offers_title,
	file: m.report_file_offers,
	wide: true,
	columns: [
		{ header: m.office_kita_name, value: (o) => o.facilityName },
		{ header: m.report_offers_open, value: (o) => o.open, num: true, total: (t) => t.open },
		{
			header: () => m.report_offers_lapsing({ days: LAPSING_DAYS }),
			value: (o) => o.lapsing,
			num: true,
			total: (t) => t.lapsing
		},
		{ header: m.report_offers_accepted, value: (o) => o.accepted, num: true, total: (t) => t.accepted },
		{ header: m.report_offers_lapsed, value: (o) => o.lapsed, num: true, total: (t) => t.lapsed }
	],
	rows: (r) => r.offers.rows,
	key: (o) => o.facilityId,
	totals: (r) => r.offers.totals
};

/** Place-days as whole days: the hours of one offer are not what the youth office steers by. */
const placeDays = (v: number) => Math.round(v);

// The district's row is the sum row (absent when the report is for one municipality).
export const offerFlowTable: ReportTable<OfferFlowRow, OfferFlowRow> = {
	id: 'offer-flow',
	title: m.report_flow_title,
	file: m.report_file_flow,
	wide: true,
	columns: [
		{ header: m.office_kita_municipality, value: (f) => f.municipalityName },
		{ header: m.office_places, value: (f) => f.places, num: true, total: (t) => t.places },
		{ header: m.office_contracted, value: (f) => f.filled, num: true, total: (t) => t.filled },
		{
			header: m.report_flow_days_to_fill,
			value: (f) => shown(f.daysToFill),
			num: true,
			total: (t) => t.daysToFill
		},
		{
			header: m.report_flow_declined,
			value: (f) => placeDays(f.blocked.declined),
			num: true,
			total: (t) => placeDays(t.blocked.declined)
		},
		{
			header: m.report_flow_lapsed,
			value: (f) => placeDays(f.blocked.lapsed),
			num: true,
			total: (t) => placeDays(t.blocked.lapsed)
		},
		{
			header: m.report_flow_released,
			value: (f) => placeDays(f.blocked.released),
			num: true,
			total: (t) => placeDays(t.blocked.released)
		},
		{ header: m.report_flow_released_count, value: (f) => f.released, num: true, total: (t) => t.released }
	],
	rows: (r) => r.offerFlow.rows,
	key: (f) => f.municipalityId ?? '',
	totals: (r) => r.offerFlow.district ?? undefined
};

interface DurationRow {
	name: string;
	stats: Stats;
}

// Quartiles go into the CSV as the page shows them (decimal comma in German).
export const durationsTable: ReportTable<DurationRow> = {
	id: 'durations',
	title: m.report_durations_title,
	file: m.report_file_durations,
	columns: [
		{ header: m.report_measure, value: (d) => d.name },
		{ header: m.report_n, value: (d) => d.stats.n, num: true },
		{ header: m.report_min, value: (d) => shown(d.stats.min), num: true },
		{ header: m.report_q1, value: (d) => shown(d.stats.q1, 1), num: true },
		{ header: m.report_median, value: (d) => shown(d.stats.median, 1), num: true },
		{ header: m.report_q3, value: (d) => shown(d.stats.q3, 1), num: true },
		{ header: m.report_max, value: (d) => shown(d.stats.max), num: true }
	],
	rows: (r) => [
		{ name: m.report_to_offer(), stats: r.durations.toOffer },
		{ name: m.report_to_contract(), stats: r.durations.toContract }
	],
	key: (d) => d.name
};

/** The table as CSV: the same columns, the values unformatted where the table formats them. */
/** A sum-row figure in the CSV: the number itself, or '–' for none (as the page shows it). */
const shownInCsv = (v: number | null): Cell => (v === null ? '–' : v);

export function reportCsv<Row, Totals>(table: ReportTable<Row, Totals>, report: YearReport): string {
	const rows: Cell[][] = table.rows(report).map((row) => table.columns.map((c) => c.value(row)));
	const totals = table.totals?.(report);
	if (totals !== undefined) {
		const span = totalSpan(table);
		rows.push([
			m.report_total(),
			...Array.from({ length: span - 1 }, () => ''),
			...table.columns.slice(span).map((c) => (c.total ? shownInCsv(c.total(totals)) : ''))
		]);
	}
	return toCsv(
		table.columns.map((c) => c.header()),
		rows
	);
}
