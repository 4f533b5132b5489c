// A refusal of an account step the client can explain (wrong password, expired link, taken
// address …); server/trpc/account-errors.ts turns `kind` into the HTTP status.
import type { AccountErrorCode } from '../../src/lib/domain/account';
import type { TokenState } from './tokens';

export class AccountError extends Error {
	constructor(
		readonly code: AccountErrorCode,
		readonly kind: 'badRequest' | 'unauthorized' | 'forbidden' | 'conflict' = 'badRequest'
	) {
		super(code);
	}
}

/** A link that cannot be used (any more). */
export function tokenError(state: Exclude<TokenState, 'valid'>): AccountError {
	return new AccountError(
		state === 'expired' ? 'tokenExpired' : state === 'used' ? 'tokenUsed' : 'tokenInvalid'
	);
}
