// The one way pages change data. The mutation side — zod schemas, client mutators, Dexie — loads
// after the page's first render (queue-mutation.ts), so that pages paint without it.
import type { MutationArgs, MutationName } from '$lib/domain/mutations';
import { afterRender } from '../data-layer';

const mutationSide = afterRender(() => import('./queue-mutation'));

/**
 * Queues a mutation. Throws the schema's ZodError when the input is invalid (the form shows it);
 * returns the mutation id once it is safely in the outbox.
 */
export async function mutate<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<number> {
	const { queueMutation } = await mutationSide();
	return queueMutation(name, args);
}
