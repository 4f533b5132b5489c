// Account commands refuse in two ways. Throwing an AccountError rolls the command back: nothing
// happened. Returning a Refused commits what the command recorded about the failure (its audit
// entry, the attempt counted against a rate limit) and runAccountCommand throws it afterwards.
import type { App } from '../../app';
import { AccountError } from '../../auth/account-error';
import type { Actor, CommandContext } from '../context';
import { runCommand } from '../run';

export class Refused {
	readonly error: AccountError;
	constructor(...args: ConstructorParameters<typeof AccountError>) {
		this.error = new AccountError(...args);
	}
}

export async function runAccountCommand<T>(
	app: App,
	actor: Actor,
	command: (ctx: CommandContext) => Promise<T | Refused>
): Promise<T> {
	const result = await runCommand(app, actor, command);
	if (result instanceof Refused) throw result.error;
	return result;
}
