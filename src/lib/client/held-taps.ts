// Taps made on a server-rendered page before the app's code had taken over: its start script holds
// them (server/http/start-after-paint.ts) and they are given back here, once the app runs where they
// were made — a button then does what it was tapped for, a form is sent.

interface HeldTaps {
	release(): void;
}

/** Gives back the held taps whose controls the app now runs; a page rendered in the browser has none. */
export function releaseHeldTaps(): void {
	(globalThis as { __kitaPortalHeld?: HeldTaps }).__kitaPortalHeld?.release();
}
