// What a client of an older sync schema can hold: its local database has no table for an entity
// added later, and applying a patch that names one would fail every pull until the app updates.
// Such a client gets the scope without those entities, under a key of its own — so once it updates,
// its cookie no longer fits and it gets a reset that brings the rows it never received.
import type { EntityName } from '../../src/lib/sync/protocol';
import type { Scope } from './scopes';

/** The client schema (src/lib/sync/version.ts) from which each later entity is sent. */
const ENTITY_SINCE_SCHEMA: Partial<Record<EntityName, number>> = {
	queueMoves: 4,
	roundProposals: 4
};

export function scopeForSchema(scope: Scope, schemaVersion: number): Scope {
	const sources = scope.sources.filter((s) => (ENTITY_SINCE_SCHEMA[s.entity] ?? 0) <= schemaVersion);
	if (sources.length === scope.sources.length) return scope;
	return { key: `${scope.key}~schema${schemaVersion}`, sources };
}
