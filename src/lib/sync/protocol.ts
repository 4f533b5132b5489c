// The sync protocol shared by client and server (Replicache-style push/pull, see DESIGN.md).
import { z } from 'zod';
import type { Capacity, Facility, Municipality } from '../domain/facility';
import type { KitaYear } from '../domain/kita-year';

/** Bumped whenever the shape of a pulled entity or a mutation changes. */
export const SCHEMA_VERSION = 1;
/** Oldest client schema the server still serves; older clients are told to update. */
export const MIN_CLIENT_SCHEMA_VERSION = 1;

export interface CapacityRow extends Capacity {
	/** facilityId|kitaYearId|ageBand|weeklyHours */
	key: string;
}

export function capacityKey(
	c: Pick<Capacity, 'facilityId' | 'kitaYearId' | 'ageBand' | 'weeklyHours'>
): string {
	return `${c.facilityId}|${c.kitaYearId}|${c.ageBand}|${c.weeklyHours}`;
}

/** Every entity a client can hold, with its row type. */
export interface EntityRows {
	municipalities: Municipality;
	kitaYears: KitaYear;
	facilities: Facility;
	capacities: CapacityRow;
}
export type EntityName = keyof EntityRows;

export interface Patch {
	put: { [K in EntityName]?: EntityRows[K][] };
	del: { [K in EntityName]?: string[] };
}

export interface Rejection {
	mutationId: number;
	code: string;
	message: string;
	/** The entity as the server holds it now; absent when it no longer exists. */
	current?: unknown;
}

export const pullInputSchema = z.object({
	clientId: z.uuid().nullable(),
	schemaVersion: z.int().positive(),
	cookie: z.string().max(1000).nullable()
});
export type PullInput = z.infer<typeof pullInputSchema>;

export type PullResult =
	| {
			kind: 'patch';
			/** The client must clear what it holds before applying the patch. */
			reset: boolean;
			cookie: string;
			lastMutationId: number;
			patch: Patch;
			rejections: Rejection[];
	  }
	| { kind: 'updateRequired'; minSchemaVersion: number };
