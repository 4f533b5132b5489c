// The sync schema versions, apart from the protocol's zod schemas: the sync engine starts on every
// page and needs only these numbers.

/**
 * Bumped whenever the shape of a pulled entity or a mutation changes. 2: push and pull name the user
 * whose local database they serve (`userId`), so one user's outbox is never sent under another's session.
 */
export const SCHEMA_VERSION = 2;
/** Oldest client schema the server still serves; older clients are told to update. */
export const MIN_CLIENT_SCHEMA_VERSION = 2;
