// The sync schema versions, apart from the protocol's zod schemas: the sync engine starts on every
// page and needs only these numbers.

/** Bumped whenever the shape of a pulled entity or a mutation changes. */
export const SCHEMA_VERSION = 1;
/** Oldest client schema the server still serves; older clients are told to update. */
export const MIN_CLIENT_SCHEMA_VERSION = 1;
