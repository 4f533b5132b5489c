// When to warn before the session ends (WCAG 2.2.1: warn and offer more time). Counted with the
// server's clock: the browser's may be wrong, so only the offset between the two is used.

/** The warning appears this long before the end. */
export const WARN_BEFORE_MS = 5 * 60_000;
/** setTimeout cannot wait longer than ~24.8 days; long sessions are checked again daily. */
export const MAX_WAIT_MS = 24 * 3600_000;

export interface SessionTiming {
	expiresAt: string;
	serverNow: string;
}

/** The session's end on the browser's clock. */
export function localEnd(info: SessionTiming, clientNowMs: number): number {
	const offset = Date.parse(info.serverNow) - clientNowMs;
	return Date.parse(info.expiresAt) - offset;
}

/** Milliseconds until the warning is due (0: now), capped so that timers stay valid. */
export function untilWarning(endMs: number, clientNowMs: number): number {
	return Math.min(MAX_WAIT_MS, Math.max(0, endMs - WARN_BEFORE_MS - clientNowMs));
}

/** Whole minutes left, rounded up (never 0 while time is left). */
export function minutesLeft(endMs: number, clientNowMs: number): number {
	return Math.max(0, Math.ceil((endMs - clientNowMs) / 60_000));
}
