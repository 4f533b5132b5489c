// A domain refusal: the mutation is not applied, the client learns why and what the server holds
// now. Anything else thrown by a mutator is an infrastructure error and stops the push batch.
export class Refusal extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly current?: unknown
	) {
		super(message);
	}
}
