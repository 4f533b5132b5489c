// The queue page's state: the Kita's rows built from the local database whenever it changes, and
// the filtered and sorted view derived from them. Filter and sort are remembered for the session,
// so coming back from a request finds the list as it was.
import {
	EMPTY_QUEUE_FILTER,
	filterQueue,
	queueFilterSchema,
	queueSortSchema,
	rankQueue,
	sortQueue,
	statusCounts,
	type QueueFilter,
	type FamilyFacts,
	type QueueRow,
	type QueueSort
} from '$lib/domain/queue';
import type { AdmissionCriterion } from '$lib/domain/allocation/criteria';
import type { QueueMove } from '$lib/domain/allocation/moves';
import { watchQuery } from '../live.svelte';
import { loadMoves, loadQueueRows, loadFamilyFacts } from './queue-data';

export const PAGE_SIZE = 50;
/** Nothing known of the families: none counted as living in the municipality or working. */
const UNKNOWN_FAMILIES: FamilyFacts = {
	municipalityOfFamily: new Map<string, string>(),
	kitaMunicipalityId: '',
	employedFamilies: new Set<string>()
};
const STORAGE = 'kita-portal:queue';

function remembered(): { filter: QueueFilter; sort: QueueSort } {
	try {
		const raw = JSON.parse(sessionStorage.getItem(STORAGE) ?? '{}') as { filter?: unknown; sort?: unknown };
		return { filter: queueFilterSchema.parse(raw.filter ?? {}), sort: queueSortSchema.parse(raw.sort ?? {}) };
	} catch {
		return { filter: EMPTY_QUEUE_FILTER, sort: queueSortSchema.parse({}) };
	}
}

export class QueueState {
	rows = $state.raw<QueueRow[]>([]);
	loaded = $state(false);
	filter = $state<QueueFilter>(remembered().filter);
	sort = $state<QueueSort>(remembered().sort);
	page = $state(0);
	/** What the criteria read of the guardians: read apart from the rows, only when guardians or postcodes change. */
	private families = $state.raw<FamilyFacts | null>(null);
	private rowsOf: string | null = null;

	/** The Kita's moves in its ranking by criteria, with their reasons. */
	moves = $state.raw<QueueMove[]>([]);
	/**
	 * By criteria: every row ranked once (criteria, then the staff's moves), so that a filter keeps
	 * the ranking's order and a move holds in every view; null for the other sort keys.
	 */
	readonly ranked = $derived.by(() =>
		this.sort.key === 'criteria' ? rankQueue(this.rows, this.criteria(), this.moves) : null
	);
	/** Filtered and sorted; each run is measured as `queue:filter-sort` (read by the benchmark). */
	readonly view = $derived.by(() => {
		const started = performance.now();
		const filter = $state.snapshot(this.filter) as QueueFilter;
		const ranked = this.ranked;
		const sorted = ranked
			? this.sort.dir === 'asc'
				? filterQueue(ranked, filter)
				: filterQueue(ranked, filter).reverse()
			: sortQueue(filterQueue(this.rows, filter), this.sort, this.criteria());
		const ms = performance.now() - started;
		performance.measure('queue:filter-sort', { start: started, duration: ms });
		return sorted;
	});
	readonly counts = $derived(statusCounts(this.rows, $state.snapshot(this.filter) as QueueFilter));
	readonly pages = $derived(Math.max(1, Math.ceil(this.view.length / PAGE_SIZE)));
	readonly visible = $derived(
		this.view.slice(
			Math.min(this.page, this.pages - 1) * PAGE_SIZE,
			(Math.min(this.page, this.pages - 1) + 1) * PAGE_SIZE
		)
	);

	/** The Kita's published admission criteria, in its order (for sorting by them). */
	private readonly criteria: () => readonly AdmissionCriterion[];

	constructor(facilityId: () => string | null, criteria: () => readonly AdmissionCriterion[] = () => []) {
		this.criteria = criteria;
		$effect(() => {
			const id = facilityId();
			this.families = null;
			if (!id) return;
			return watchQuery(
				() => loadFamilyFacts(id),
				(families) => {
					this.families = families;
				},
				// Unreadable: the queue still shows, with nobody counted as living in the municipality.
				() => {
					this.families = UNKNOWN_FAMILIES;
				}
			);
		});
		$effect(() => {
			const id = facilityId();
			const families = this.families;
			// A new Kita shows "loading"; new family facts keep the rows shown until rebuilt.
			if (id !== this.rowsOf) this.loaded = false;
			this.rowsOf = id;
			if (!id || !families) return;
			return watchQuery(
				() => loadQueueRows(id, families),
				(rows) => {
					this.rows = rows;
					this.loaded = true;
				},
				() => {
					this.loaded = true;
				}
			);
		});
		$effect(() => {
			const id = facilityId();
			this.moves = [];
			if (!id) return;
			return watchQuery(
				() => loadMoves(id),
				(moves) => {
					this.moves = moves;
				},
				() => {}
			);
		});
		$effect(() => {
			sessionStorage.setItem(STORAGE, JSON.stringify({ filter: this.filter, sort: this.sort }));
		});
	}

	sortBy(key: QueueSort['key']): void {
		this.sort = { key, dir: this.sort.key === key && this.sort.dir === 'asc' ? 'desc' : 'asc' };
		this.page = 0;
	}

	reset(): void {
		this.filter = { ...EMPTY_QUEUE_FILTER, kitaYearId: this.filter.kitaYearId };
		this.page = 0;
	}
}
