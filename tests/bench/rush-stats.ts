// The pure parts of the rush (`npm run rush`): the open-model arrival schedule, the per-kind tally of
// answers and its percentiles, and the check that every acknowledged registration was stored once.

/** When arrival `index` (0-based) of a stream at `perSecond` is due, in ms after the start. */
export function scheduledAt(index: number, perSecond: number): number {
	return (index * 1000) / perSecond;
}

/**
 * How many arrivals of a stream at `perSecond` are due `elapsedMs` after the start (the first at 0),
 * at most `total`. Arrivals do not wait for answers: a generator that fell behind starts all that
 * are due at once, and the lag it had is measured apart (see Tally.lag).
 */
export function arrivalsDue(elapsedMs: number, perSecond: number, total: number): number {
	if (elapsedMs < 0 || perSecond <= 0 || total <= 0) return 0;
	// The small term keeps an arrival due exactly at its own scheduled time despite rounding.
	return Math.min(total, Math.floor((elapsedMs * perSecond) / 1000 + 1e-9) + 1);
}

/** Nearest-rank percentile (p in 0…100) of ascending values; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
	if (!sorted.length) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** An HTTP status, or how a request failed without one. */
export type Outcome = number | 'timeout' | `error:${string}`;

/** 2xx and 304 (a revalidation) count as answered; everything else is an error. */
export function isOk(outcome: Outcome): boolean {
	return typeof outcome === 'number' && ((outcome >= 200 && outcome < 300) || outcome === 304);
}

export interface KindSummary {
	kind: string;
	requests: number;
	errors: number;
	/** Outcome → count, errors only (e.g. `{ "500": 3, "timeout": 2 }`). */
	errorsBy: Record<string, number>;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	maxMs: number;
	/** Requests of this kind per second of the run. */
	perSecond: number;
}

/** Latencies and outcomes per kind of request. */
export class Tally {
	private readonly latencies = new Map<string, number[]>();
	private readonly outcomes = new Map<string, Map<string, number>>();

	record(kind: string, ms: number, outcome: Outcome): void {
		const list = this.latencies.get(kind) ?? [];
		list.push(ms);
		this.latencies.set(kind, list);
		const counts = this.outcomes.get(kind) ?? new Map<string, number>();
		const key = String(outcome);
		counts.set(key, (counts.get(key) ?? 0) + 1);
		this.outcomes.set(kind, counts);
	}

	kinds(): string[] {
		return [...this.latencies.keys()];
	}

	/** Latency over every request of the kind, errors included (a timeout counts at the timeout). */
	summary(kind: string, seconds: number): KindSummary {
		const sorted = [...(this.latencies.get(kind) ?? [])].sort((a, b) => a - b);
		const errorsBy: Record<string, number> = {};
		let errors = 0;
		for (const [key, count] of this.outcomes.get(kind) ?? []) {
			const outcome: Outcome = /^\d+$/.test(key) ? Number(key) : (key as Outcome);
			if (isOk(outcome)) continue;
			errorsBy[key] = count;
			errors += count;
		}
		return {
			kind,
			requests: sorted.length,
			errors,
			errorsBy,
			p50Ms: percentile(sorted, 50),
			p95Ms: percentile(sorted, 95),
			p99Ms: percentile(sorted, 99),
			maxMs: sorted.at(-1) ?? Number.NaN,
			perSecond: seconds > 0 ? sorted.length / seconds : Number.NaN
		};
	}
}

/** A registration the server acknowledged: the push answered 200 with its mutation id applied. */
export interface Acknowledged {
	clientId: string;
	registrationId: string;
	childId: string;
	requestIds: string[];
}

/** What the database holds of each acknowledged registration (read after the server stopped). */
export interface Stored {
	registrationId: string;
	/** Rows in `registrations` with this id. */
	registrations: number;
	/** Rows in `requests` with this registration id. */
	requests: number;
	/** Rows in `registrations` for the registration's child (a second one would be a duplicate). */
	registrationsOfChild: number;
}

export interface WriteCheck {
	acknowledged: number;
	/** Stored exactly once: one registration row for the child, with exactly its requests. */
	storedOnce: number;
	/** Not there, or with fewer requests than were sent. */
	missing: string[];
	/** A second registration of the child, or more requests than were sent. */
	duplicated: string[];
	/** Refused by the server (a rejection row): acknowledged by the push, but not applied. */
	rejected: string[];
}

/** Compares the acknowledged registrations with what the database holds (and the rejections). */
export function checkWrites(
	acknowledged: readonly Acknowledged[],
	stored: readonly Stored[],
	rejectedRegistrationIds: ReadonlySet<string>
): WriteCheck {
	const byId = new Map(stored.map((s) => [s.registrationId, s]));
	const result: WriteCheck = {
		acknowledged: acknowledged.length,
		storedOnce: 0,
		missing: [],
		duplicated: [],
		rejected: []
	};
	for (const ack of acknowledged) {
		if (rejectedRegistrationIds.has(ack.registrationId)) {
			result.rejected.push(ack.registrationId);
			continue;
		}
		const row = byId.get(ack.registrationId);
		const expected = ack.requestIds.length;
		if (!row || row.registrations === 0 || row.requests < expected) result.missing.push(ack.registrationId);
		else if (row.registrations > 1 || row.registrationsOfChild > 1 || row.requests > expected)
			result.duplicated.push(ack.registrationId);
		else result.storedOnce += 1;
	}
	return result;
}
