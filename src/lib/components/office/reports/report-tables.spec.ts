import { beforeAll, describe, expect, it } from 'vitest';
import { stats, type YearReport } from '$lib/domain/reports';
import de from '../../../messages/de.json';

import type { ReportTable } from './report-tables';

type Tables = typeof import('./report-tables');
let t: Tables;

beforeAll(async () => {
	const runtime = await import('$lib/i18n/runtime');
	runtime.setLocale('de', { reload: false });
	const { loadMessages } = await import('$lib/i18n/messages');
	await loadMessages('/verwaltung/berichte');
	t = await import('./report-tables');
});

const text = (key: keyof typeof de): string => {
	const value = de[key];
	if (typeof value !== 'string') throw new Error(`${key} is not a plain text`);
	return value;
};

const report: YearReport = {
	demand: {
		rows: [
			{
				municipalityId: 'werl',
				municipalityName: 'Werl',
				ageBand: 'u3',
				weeklyHours: 35,
				places: 1200,
				contracted: 1000,
				offered: 100,
				free: 100,
				waiting: 150,
				balance: -50
			}
		],
		totals: { places: 1200, contracted: 1000, offered: 100, free: 100, waiting: 150, balance: -50 }
	},
	legalClaim: [
		{
			childId: 'c1',
			registrationNumbers: ['KP-1', 'KP-2'],
			ageMonths: 14,
			desiredStart: '2027-02-01',
			municipalityNames: ['Soest', 'Werl'],
			kitas: 2
		}
	],
	kitasPerChild: { children: 3, distribution: [{ kitas: 1, children: 3 }], mean: 1, median: 1 },
	offers: {
		rows: [{ facilityId: 'f1', facilityName: '=Sonne', open: 2, lapsing: 1, accepted: 0, lapsed: 1 }],
		totals: { open: 2, lapsing: 1, accepted: 0, lapsed: 1 }
	},
	durations: { toOffer: stats([1, 2, 4]), toContract: stats([]) },
	offerFlow: {
		rows: [
			{
				municipalityId: 'werl',
				municipalityName: 'Werl',
				places: 40,
				filled: 38,
				daysToFill: 12,
				blocked: { declined: 3.4, lapsed: 14, released: 0.5 },
				released: 1
			},
			{
				municipalityId: 'soest',
				municipalityName: 'Soest',
				places: 10,
				filled: 2,
				daysToFill: null,
				blocked: { declined: 0, lapsed: 0, released: 0 },
				released: 0
			}
		],
		district: {
			municipalityId: null,
			municipalityName: '',
			places: 50,
			filled: 40,
			daysToFill: null,
			blocked: { declined: 3.4, lapsed: 14, released: 0.5 },
			released: 1
		}
	}
};

const lines = (csv: string) =>
	csv
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split('\r\n');

describe('report tables', () => {
	it('write the CSV with the table’s headers, raw figures and a sum row under the figures', () => {
		expect(lines(t.reportCsv(t.demandTable, report))).toEqual([
			[
				'office_kita_municipality',
				'office_age_band',
				'office_hours',
				'office_places',
				'office_contracted',
				'office_offered',
				'report_free',
				'report_waiting',
				'report_balance'
			]
				.map((k) => text(k as keyof typeof de))
				.join(';'),
			`Werl;${text('office_u3')};35;1200;1000;100;100;150;-50`,
			`${text('report_total')};;;1200;1000;100;100;150;-50`
		]);
		expect(lines(t.reportCsv(t.offersTable, report)).slice(1)).toEqual([
			"'=Sonne;2;1;0;1",
			`${text('report_total')};2;1;0;1`
		]);
	});

	it('show the same cells in the table, formatted as the page formats them', () => {
		const [row] = t.demandTable.rows(report);
		if (!row) throw new Error('no row');
		const cells = t.demandTable.columns.map((c) => t.cellText(c, row));
		expect(cells[0]).toBe('Werl');
		expect(cells[3]).toBe('1.200');
		expect(cells[2]).not.toBe('35');
		expect(cells[2]).toContain('35');
		expect(t.totalSpan(t.demandTable)).toBe(3);
		expect(t.totalSpan(t.offersTable)).toBe(1);
		const [claim] = t.claimTable.rows(report);
		if (!claim) throw new Error('no row');
		expect(t.claimTable.columns.map((c) => t.cellText(c, claim))).toEqual([
			'KP-1, KP-2',
			'14',
			'01.02.2027',
			'Soest, Werl',
			'2'
		]);
		expect(lines(t.reportCsv(t.claimTable, report))[1]).toBe('KP-1, KP-2;14;2027-02-01;Soest, Werl;2');
	});

	it('give the durations’ quartiles to the CSV as the page shows them', () => {
		expect(lines(t.reportCsv(t.durationsTable, report)).slice(1)).toEqual([
			`${text('report_to_offer')};3;1;1,5;2;3;4`,
			`${text('report_to_contract')};0;–;–;–;–;–`
		]);
	});

	it('give the offer flow in whole place-days, the district as the sum row, and none for one municipality', () => {
		expect(lines(t.reportCsv(t.offerFlowTable, report)).slice(1)).toEqual([
			'Werl;40;38;12;3;14;1;1',
			'Soest;10;2;–;0;0;0;0',
			`${text('report_total')};50;40;–;3;14;1;1`
		]);
		const oneMunicipality = {
			...report,
			offerFlow: { rows: report.offerFlow.rows.slice(0, 1), district: null }
		};
		expect(lines(t.reportCsv(t.offerFlowTable, oneMunicipality))).toHaveLength(2);
	});

	it('has one column definition per header, every table', () => {
		const check = <Row, Totals>(table: ReportTable<Row, Totals>) => {
			const csvHeader = lines(t.reportCsv(table, report))[0]?.split(';');
			expect(csvHeader, table.id).toEqual(table.columns.map((c) => c.header()));
			expect(csvHeader?.every((h) => h && !h.startsWith('report_') && !h.startsWith('office_'))).toBe(true);
		};
		check(t.demandTable);
		check(t.claimTable);
		check(t.kitasTable);
		check(t.offersTable);
		check(t.durationsTable);
		check(t.offerFlowTable);
	});
});
