// The sync protocol shared by client and server (Replicache-style push/pull, see DESIGN.md).
import { z } from '$lib/domain/zod';
import type { Capacity, Facility, Municipality } from '../domain/facility';
import type { Child, Family, Guardian } from '../domain/family';
import type { KitaYear } from '../domain/kita-year';
import type { ChildminderRequest, Registration, Request, RequestEvent } from '../domain/request';
import type { DuplicateCandidate, LinkQuestion } from '../domain/staff';
import type { QueueMove } from '../domain/allocation/moves';
import type { RoundProposal } from '../domain/allocation/offer-round';

export { MIN_CLIENT_SCHEMA_VERSION, PAGED_RESET_SCHEMA_VERSION, SCHEMA_VERSION } from './version';

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
	families: Family;
	guardians: Guardian;
	children: Child;
	registrations: Registration;
	requests: Request;
	requestEvents: RequestEvent;
	childminderRequests: ChildminderRequest;
	/** Staff: possible duplicates of their walk-ins. */
	duplicateCandidates: DuplicateCandidate;
	/** Parents: a Kita's questions whether an in-person registration is their child. */
	linkQuestions: LinkQuestion;
	/** Staff: their Kita's moves in its ranking by criteria, with the reason (never parents). */
	queueMoves: QueueMove;
	/** Staff: their Kitas' proposals of the youth office's offer rounds. */
	roundProposals: RoundProposal;
}
export type EntityName = keyof EntityRows;

/** Rows per entity: how many a first sync brings in all, and how many arrived so far. */
export type EntityCounts = { [K in EntityName]?: number };

export interface Patch {
	put: { [K in EntityName]?: EntityRows[K][] };
	del: { [K in EntityName]?: string[] };
}

export interface Rejection {
	mutationId: number;
	/** What the user tried: the mutation's name and arguments. */
	name: string;
	args?: unknown;
	/** When the server refused it. */
	at: string;
	code: string;
	message: string;
	/** The entity as the server holds it now; absent when it no longer exists. */
	current?: unknown;
	/** Who made the latest step on the request the change was about, as a role (never a person). */
	actedBy?: ActedBy;
	/** When that step was made. */
	actedAt?: string;
}

/**
 * Whoever acted first, as the refused user may learn it: the Kita (for a family), another staff
 * member of the Kita (for staff), the youth office, the family (for staff), the system (a deadline)
 * or the same user on another device or tab.
 */
export const ACTED_BY = ['kita', 'colleague', 'youthOffice', 'family', 'system', 'you'] as const;
export type ActedBy = (typeof ACTED_BY)[number];

export function isActedBy(value: unknown): value is ActedBy {
	return (ACTED_BY as readonly unknown[]).includes(value);
}

export const mutationSchema = z.object({
	id: z.int().positive(),
	name: z.string().min(1).max(60),
	args: z.unknown(),
	/** When the user made it (client clock, for display only — never for decisions). */
	createdAt: z.string().max(40)
});
export type Mutation = z.infer<typeof mutationSchema>;

/**
 * The user whose local database a push or pull serves (null: the anonymous one). Optional in the
 * schema only so that clients older than MIN_CLIENT_SCHEMA_VERSION still learn they must update.
 */
const deviceUserSchema = z.string().min(1).max(100).nullable().optional();

export const pushInputSchema = z.object({
	clientId: z.uuid(),
	/** The user the outbox belongs to; the server refuses the push under anyone else's session. */
	userId: deviceUserSchema,
	schemaVersion: z.int().positive(),
	mutations: z.array(mutationSchema).max(1000)
});
export type PushInput = z.infer<typeof pushInputSchema>;

export type PushResult =
	| { kind: 'ok'; lastMutationId: number }
	/** A mutation id skipped ahead: nothing from it on was applied; the client resends from lastMutationId + 1. */
	| { kind: 'gap'; lastMutationId: number }
	| { kind: 'updateRequired'; minSchemaVersion: number };

export const pullInputSchema = z.object({
	clientId: z.uuid().nullable(),
	/** The user the local database belongs to: a user's database never gets another scope. */
	userId: deviceUserSchema,
	schemaVersion: z.int().positive(),
	cookie: z.string().max(1000).nullable(),
	/**
	 * A first sync under way: the continuation token of the last page the client applied. It goes on
	 * from there (the same snapshot) instead of starting again.
	 */
	page: z.string().max(1000).nullable().optional()
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
	/**
	 * One page of a first sync (clients from PAGED_RESET_SCHEMA_VERSION on): rows of the scope read at
	 * one snapshot, in key order. The client applies it (clearing first when `reset`), keeps `token`
	 * and asks for the next page with it; the last page is an ordinary `patch` with the cookie, which
	 * also carries what changed while the pages were sent.
	 */
	| {
			kind: 'page';
			reset: boolean;
			token: string;
			/** On the first page: how many rows of each entity the whole first sync brings. */
			total?: EntityCounts;
			patch: Patch;
	  }
	/**
	 * The local database belongs to a user whose session ended on this browser (or another user
	 * logged in): the client keeps every row and its outbox and asks that user to log in again.
	 */
	| { kind: 'sessionEnded' }
	| { kind: 'updateRequired'; minSchemaVersion: number };
