// Which tRPC calls may share one HTTP request. A batch is judged call by call, so a batch of password
// or code checks would be a way round their limits: those go alone, and other batches stay small.
// The browser's client (trpc-client.ts) and the server's handler (server/trpc/http.ts) both read this.

/** The most calls one batched request may carry. */
export const MAX_BATCH_ITEMS = 10;

/** Procedures that check a secret, count towards a limit or change the account: never batched. */
const UNBATCHABLE_PREFIXES = [
	'auth.',
	'account.',
	'adminAccounts.',
	'family.claim',
	'privacy.deleteAccount'
] as const;

export function isUnbatchable(path: string): boolean {
	return UNBATCHABLE_PREFIXES.some((prefix) =>
		prefix.endsWith('.') ? path.startsWith(prefix) : path === prefix
	);
}
