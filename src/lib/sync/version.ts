// The sync schema versions, apart from the protocol's zod schemas: the sync engine starts on every
// page and needs only these numbers.

/**
 * Bumped whenever the shape of a pulled entity or a mutation changes. 2: push and pull name the user
 * whose local database they serve (`userId`), so one user's outbox is never sent under another's session.
 * 3: a first sync (reset) comes in pages (`kind: 'page'` with a continuation token, issue 14 point 8).
 * 4: staff hold their Kita's moves in its ranking (`queueMoves`) and the offer rounds' proposals for
 * their Kitas (`roundProposals`); older clients get their scope without them (server/sync/client-schema.ts).
 */
export const SCHEMA_VERSION = 4;
/** From this client schema on, a reset is answered in pages; older clients get it in one answer. */
export const PAGED_RESET_SCHEMA_VERSION = 3;
/** Oldest client schema the server still serves; older clients are told to update. */
export const MIN_CLIENT_SCHEMA_VERSION = 2;
