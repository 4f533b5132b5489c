// A domain refusal: the mutation is not applied, the client learns why and what the server holds
// now. Anything else thrown by a mutator is an infrastructure error and stops the push batch. The
// code is one of the single vocabulary in src/lib/sync/refusals.ts, which the client has a text for.
import type { RefusalCode } from '../../src/lib/sync/refusals';

export class Refusal extends Error {
	constructor(
		readonly code: RefusalCode,
		message: string,
		readonly current?: unknown
	) {
		super(message);
	}
}
