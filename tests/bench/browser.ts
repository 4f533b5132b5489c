// Dexie in Chromium, in a page of the built app (same origin, same IndexedDB as the app): bulk load
// of a 10,000-request staff queue and its filter + sort, with the index layout of the app's
// LocalDb `requests` table. Dexie's UMD build is added to the page (CSP bypassed for the bench).
import { join } from 'node:path';
import type { Request } from '../../src/lib/domain/request';
import { launchChromium, ROOT } from './env';

export interface DexieFigures {
	rows: number;
	bulkLoadMs: number;
	/** Indexed: status anyOf(open) → sortBy('registeredAt'). */
	indexedQueryMs: number;
	indexedQueryRows: number;
	/** The queue screen: read all, filter (status, weekly hours, start after a day), sort by start and registration. */
	scanQueryMs: number;
	scanQueryRows: number;
}

/** Spreads the seeded rows over the statuses a real queue has. */
function asQueue(rows: Request[]): Request[] {
	const statuses = [
		'registered',
		'registered',
		'registered',
		'offered',
		'accepted',
		'contracted',
		'rejected',
		'withdrawn'
	] as const;
	return rows.map((r, i) => ({ ...r, status: statuses[i % statuses.length] ?? 'registered' }));
}

export async function dexieBench(origin: string, rows: Request[], runs: number): Promise<DexieFigures> {
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
		const page = await context.newPage();
		await page.goto(`${origin}/`);
		await page.addScriptTag({ path: join(ROOT, 'node_modules/dexie/dist/dexie.js') });
		// tsx (esbuild keepNames) wraps named functions in __name(); the page has no such helper.
		await page.evaluate('window.__name = (f) => f');
		return await page.evaluate(
			async ({ rows, runs }) => {
				interface Row {
					id: string;
					status: string;
					weeklyHours: number;
					startDate: string;
					registeredAt: string;
				}
				interface Table {
					bulkPut(rows: Row[]): Promise<unknown>;
					clear(): Promise<void>;
					toArray(): Promise<Row[]>;
					where(index: string): { anyOf(values: string[]): { sortBy(key: string): Promise<Row[]> } };
				}
				interface Db {
					version(n: number): { stores(spec: Record<string, string>): void };
					open(): Promise<unknown>;
					table(name: string): Table;
					delete(): Promise<void>;
				}
				const DexieCtor = (window as unknown as { Dexie: new (name: string) => Db }).Dexie;
				const db = new DexieCtor('bench-staff-queue');
				// The app's LocalDb version(2) index layout of `requests`.
				db.version(1).stores({ requests: 'id, childId, facilityId, status, registrationId' });
				await db.open();
				const table = db.table('requests');
				const median = (values: number[]) => {
					const sorted = [...values].sort((a, b) => a - b);
					return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
				};
				const load: number[] = [];
				for (let i = 0; i < runs; i++) {
					await table.clear();
					const started = performance.now();
					await table.bulkPut(rows);
					load.push(performance.now() - started);
				}
				const open = ['registered', 'offered', 'accepted'];
				const indexed: number[] = [];
				let indexedRows = 0;
				for (let i = 0; i < runs; i++) {
					const started = performance.now();
					const found = await table.where('status').anyOf(open).sortBy('registeredAt');
					indexed.push(performance.now() - started);
					indexedRows = found.length;
				}
				const scan: number[] = [];
				let scanRows = 0;
				const after = rows.map((r) => r.startDate).sort()[Math.floor(rows.length / 3)] ?? '';
				for (let i = 0; i < runs; i++) {
					const started = performance.now();
					const all = await table.toArray();
					const found = all
						.filter((r) => open.includes(r.status) && r.weeklyHours >= 35 && r.startDate >= after)
						.sort(
							(a, b) => a.startDate.localeCompare(b.startDate) || a.registeredAt.localeCompare(b.registeredAt)
						);
					scan.push(performance.now() - started);
					scanRows = found.length;
				}
				await db.delete();
				return {
					rows: rows.length,
					bulkLoadMs: median(load),
					indexedQueryMs: median(indexed),
					indexedQueryRows: indexedRows,
					scanQueryMs: median(scan),
					scanQueryRows: scanRows
				};
			},
			{ rows: asQueue(rows), runs }
		);
	} finally {
		await browser.close();
	}
}
