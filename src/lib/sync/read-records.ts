// Mutations that record that someone read personal data (the audit log), not a change the user made.
// They travel in the outbox like changes, but are never counted or shown as the user's pending
// changes: "5 Änderungen noch nicht übertragen" after two staff actions misled (issue 14, point 6).
// Nor are the stand-ins for mutation ids a lost local database took with it (LOST_ON_DEVICE).
/** The stand-in for a mutation id lost with the local database: the server only advances past it. */
export const LOST_ON_DEVICE = 'lostOnDevice';
const READ_RECORDS: ReadonlySet<string> = new Set(['auditRead', LOST_ON_DEVICE]);

/** Whether an outbox entry is a change the user made (and so counts as "not yet sent"). */
export function isUserChange(entry: { name: string }): boolean {
	return !READ_RECORDS.has(entry.name);
}
