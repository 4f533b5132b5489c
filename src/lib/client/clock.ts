// The device clock, for display and local bookkeeping only: the server's clock decides.
export function nowIso(): string {
	return new Date().toISOString();
}
